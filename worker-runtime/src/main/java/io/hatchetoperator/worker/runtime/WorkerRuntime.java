package io.hatchetoperator.worker.runtime;

import io.hatchetoperator.proto.dispatcher.AssignedAction;
import io.hatchetoperator.worker.TaskDefinition;
import io.hatchetoperator.worker.Worker;
import io.hatchetoperator.worker.WorkerOptions;
import io.hatchetoperator.worker.WorkerState;
import io.hatchetoperator.worker.Workflow;
import io.hatchetoperator.worker.client.ChannelFactory;
import io.hatchetoperator.worker.client.EngineStubs;
import io.hatchetoperator.worker.config.HatchetSettings;
import io.hatchetoperator.worker.health.HealthServer;
import io.hatchetoperator.worker.health.WorkerMetrics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Worker}: wires the listener, the task executions, events, metrics and health server of
 * one worker, and runs its lifecycle (start, drain, kill, give up). Everything it creates is its own.
 */
public final class WorkerRuntime implements Worker {
  private static final Logger LOG = LoggerFactory.getLogger(WorkerRuntime.class);

  private final HatchetSettings settings;
  private final String name;
  private final WorkerOptions options;
  private final List<Workflow> workflows;
  private final ChannelFactory channels;
  private final Map<String, TaskDefinition<?>> tasksByAction = new LinkedHashMap<>();
  private final Map<String, TaskExecution> running = new ConcurrentHashMap<>();
  private final SlotPool slots;
  private final CompletableFuture<String> started = new CompletableFuture<>();
  private final CompletableFuture<WorkerState> termination = new CompletableFuture<>();
  private volatile WorkerState state = WorkerState.NEW;
  private CompletableFuture<Void> drain;
  private WorkerThreads threads;
  private EngineStubs stubs;
  private EventReporter events;
  private WorkerMetrics metrics;
  private HealthServer health;
  private ActionListener listener;
  private TaskRouter router;

  public WorkerRuntime(HatchetSettings settings, String name, WorkerOptions options,
      List<Workflow> workflows, ChannelFactory channels) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("worker name is empty: name the worker");
    }
    if (workflows.isEmpty()) {
      throw new IllegalArgumentException("worker '" + name + "' has no workflows: pass at least one");
    }
    RegistrationRequests.checkSlotTypes(name, options, workflows);
    this.settings = settings;
    this.name = name;
    this.options = options;
    this.workflows = List.copyOf(workflows);
    this.channels = channels;
    this.slots = new SlotPool(options.slotConfig());
    workflows.forEach(w -> w.tasks().forEach(t -> tasksByAction.put(settings.actionId(w.name(), t.name()), t)));
  }

  @Override
  public void start() {
    SignalHandlers.install(this);
    startAsync();
    WorkerState end = termination.join();
    if (end == WorkerState.GAVE_UP) {
      System.exit(1);
    }
  }

  @Override
  public synchronized CompletableFuture<String> startAsync() {
    if (state != WorkerState.NEW) {
      return started;
    }
    state = WorkerState.STARTING;
    LOG.info("STARTING HATCHET...");
    threads = new WorkerThreads(name);
    stubs = new EngineStubs(channels.open(settings), settings.token());
    events = new EventReporter(stubs, threads.control(), settings.timing().heartbeatTimeout());
    metrics = new WorkerMetrics(slots.totals(), slots::used, events::pending,
        () -> state == WorkerState.DRAINING);
    if (settings.healthPort() >= 0) {
      health = new HealthServer(name, settings.healthPort(), metrics,
          () -> state != WorkerState.GAVE_UP && state != WorkerState.KILLED,
          this::isReady, () -> state.name());
    }
    ExecutionServices services = new ExecutionServices(settings, this::workerIdOrName, stubs, events,
        slots, metrics, this::ended);
    router = new TaskRouter(name, tasksByAction, running, services, threads.tasks());
    ScheduledExecutorService control = threads.control();
    listener = new ActionListener(new Registrar(settings, name, options, workflows, stubs), stubs,
        control, new ReconnectPolicy(settings.timing(), () -> ThreadLocalRandom.current().nextDouble()),
        metrics, (id, onRejected) -> new Heartbeater(stubs, control, settings.timing(), metrics, id, onRejected),
        new ListenerCallbacks());
    listener.start();
    return started;
  }

  @Override
  public synchronized CompletableFuture<Void> shutdown() {
    if (drain != null) {
      return drain;
    }
    drain = new CompletableFuture<>();
    if (state == WorkerState.NEW || state.isTerminal()) {
      if (state == WorkerState.GAVE_UP && health != null) {
        health.close();
      }
      finish(state == WorkerState.NEW ? WorkerState.STOPPED : state);
      drain.complete(null);
      return drain;
    }
    state = WorkerState.DRAINING;
    Thread drainer = new Thread(() -> {
      try {
        new WorkerDrain(settings, name, listener, running, events, stubs).run();
      } catch (RuntimeException e) {
        LOG.error("draining worker '{}' failed", name, e);
      } finally {
        closeResources(false);
        finish(WorkerState.STOPPED);
        drain.complete(null);
      }
    }, "hatchet-" + name + "-drain");
    drainer.start();
    return drain;
  }

  @Override
  public synchronized void kill() {
    if (state == WorkerState.GAVE_UP && health != null) {
      health.close();
    }
    if (state.isTerminal()) {
      return;
    }
    LOG.warn("worker '{}' killed: dropping {} running tasks and sending nothing more", name, running.size());
    state = WorkerState.KILLED;
    running.values().forEach(TaskExecution::kill);
    if (events != null) {
      events.abort();
    }
    closeResources(true);
    finish(WorkerState.KILLED);
  }

  @Override
  public int runningTasks() {
    return running.size();
  }

  @Override
  public Optional<String> workerId() {
    return Optional.ofNullable(listener == null ? null : listener.workerId());
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public WorkerState state() {
    return state;
  }

  @Override
  public OptionalInt healthPort() {
    HealthServer h = health;
    return h == null ? OptionalInt.empty() : OptionalInt.of(h.port());
  }

  @Override
  public CompletableFuture<WorkerState> termination() {
    return termination;
  }

  /** This worker's metrics (null before start). */
  public WorkerMetrics metrics() {
    return metrics;
  }

  private String workerIdOrName() {
    String id = listener.workerId();
    return id == null ? name : id;
  }

  private void ended(TaskExecution execution) {
    running.remove(execution.taskRunId(), execution);
  }

  private synchronized void finish(WorkerState end) {
    if (!state.isTerminal() || end == WorkerState.GAVE_UP || end == WorkerState.KILLED) {
      state = end;
    }
    started.completeExceptionally(new IllegalStateException("worker '" + name + "' ended: " + end));
    termination.complete(end);
  }

  private void closeResources(boolean now) {
    if (threads != null) {
      threads.close(now);
    }
    if (stubs != null) {
      if (now) {
        stubs.closeNow();
      } else {
        stubs.close();
      }
    }
    if (health != null && state != WorkerState.GAVE_UP) {
      health.close();
    }
  }

  /** How the listener reaches this worker. */
  private final class ListenerCallbacks implements ActionListener.Callbacks {
    @Override
    public void onAction(AssignedAction action) {
      WorkerState now = state;
      router.route(action, now == WorkerState.LISTENING || now == WorkerState.RECONNECTING ? null
          : "worker '" + name + "' is " + now + " and takes no new tasks; retry elsewhere");
    }

    @Override
    public void onState(WorkerState newState, String workerId) {
      synchronized (WorkerRuntime.this) {
        if (state == WorkerState.DRAINING || state.isTerminal()) {
          return;
        }
        state = newState;
      }
      if (newState == WorkerState.LISTENING && !started.isDone()) {
        LOG.info("'{}' waiting for {}", name, tasksByAction.keySet().stream()
            .map(a -> "'" + a + "'").toList());
        started.complete(workerId);
      }
    }

    @Override
    public void onGiveUp(int failures, String lastError) {
      LOG.error("FATAL: worker '{}' gives up after {} failed reconnects (last error: {}); "
          + "it stops now and the process should be restarted", name, failures, lastError);
      synchronized (WorkerRuntime.this) {
        state = WorkerState.GAVE_UP;
        running.values().forEach(TaskExecution::kill);
        events.abort();
        threads.close(true);
        stubs.closeNow();
        finish(WorkerState.GAVE_UP);
      }
    }
  }
}
