package io.hatchetoperator.worker.runtime;

import io.hatchetoperator.proto.dispatcher.AssignedAction;
import io.hatchetoperator.worker.Attempt;
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
 * one worker, and runs its lifecycle (start, drain, kill, give up). Everything it creates is its own;
 * it never exits the process (the application's {@code main} decides on exit codes).
 */
public final class WorkerRuntime implements Worker {
  private static final Logger LOG = LoggerFactory.getLogger(WorkerRuntime.class);

  private final HatchetSettings settings;
  private final String name;
  private final WorkerOptions options;
  private final List<Workflow> workflows;
  private final ChannelFactory channels;
  private final Map<String, TaskDefinition<?>> tasksByAction = new LinkedHashMap<>();
  private final Map<Attempt, TaskExecution> running = new ConcurrentHashMap<>();
  private final SlotPool slots;
  private final CompletableFuture<String> started = new CompletableFuture<>();
  private final CompletableFuture<WorkerState> termination = new CompletableFuture<>();
  private volatile WorkerState state = WorkerState.NEW;
  private CompletableFuture<Void> drain;
  private volatile WorkerDrain drainer;
  private WorkerThreads threads;
  private LogSender logs;
  private final com.fasterxml.jackson.databind.ObjectMapper mapper;
  private EngineStubs stubs;
  private EventReporter events;
  private WorkerMetrics metrics;
  private HealthServer health;
  private ActionListener listener;
  private TaskRouter router;
  private DurableStream durable;

  public WorkerRuntime(HatchetSettings settings, String name, WorkerOptions options,
      List<Workflow> workflows, ChannelFactory channels) {
    this(settings, name, options, workflows, channels, io.hatchetoperator.worker.client.Json.MAPPER);
  }

  /** A worker whose task inputs and outputs go through {@code mapper}. */
  public WorkerRuntime(HatchetSettings settings, String name, WorkerOptions options,
      List<Workflow> workflows, ChannelFactory channels, com.fasterxml.jackson.databind.ObjectMapper mapper) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("worker name is empty: name the worker");
    }
    if (workflows.isEmpty()) {
      throw new IllegalArgumentException("worker '" + name + "' has no workflows: pass at least one");
    }
    options = options.withDefaultSlotsFor(RegistrationRequests.requestedSlotTypes(workflows));
    RegistrationRequests.checkSlotTypes(name, options, workflows);
    this.settings = settings;
    this.name = name;
    this.options = options;
    this.workflows = List.copyOf(workflows);
    this.channels = channels;
    this.mapper = mapper;
    this.slots = new SlotPool(options.slotConfig());
    workflows.forEach(w -> w.servedTasks().forEach(t -> {
      String action = settings.actionId(w.name(), t.name());
      if (tasksByAction.put(action, t) != null) {
        throw new IllegalArgumentException("worker '" + name + "' has two tasks for action '" + action
            + "' (workflow '" + w.name() + "', task '" + t.name() + "'): give each task of a workflow, and "
            + "each workflow, a distinct name");
      }
    }));
  }

  @Override
  public WorkerState start() {
    SignalHandlers.install(this);
    startAsync();
    return termination.join();
  }

  @Override
  public synchronized CompletableFuture<String> startAsync() {
    if (state != WorkerState.NEW) {
      return started;
    }
    state = WorkerState.STARTING;
    LOG.info("STARTING HATCHET...");
    threads = new WorkerThreads(name, slots.size(), options.taskExecutor());
    stubs = new EngineStubs(channels.open(settings), settings.token());
    metrics = new WorkerMetrics(slots.totals(), slots::used, () -> events == null ? 0 : events.pending(),
        () -> state == WorkerState.DRAINING);
    metrics.connectedGauge(() -> listener != null && listener.connected());
    ScheduledExecutorService control = threads.control();
    events = new EventReporter(stubs, control, settings.timing().heartbeatTimeout(),
        settings.timing().maxBackoff(), metrics,
        why -> control.execute(() -> new ListenerCallbacks().onGiveUp(why)));
    if (settings.healthPort() >= 0) {
      metrics.runtimeMetrics(RegistrationRequests.SDK_VERSION);
      health = new HealthServer(name, settings.healthPort(), metrics, this::liveness, this::isReady,
          () -> state.name(), slots.totals(), slots::used);
    }
    logs = new LogSender(name, stubs, settings.timing().rpcTimeout());
    Registrar registrar = new Registrar(settings, name, options, workflows, stubs);
    durable = new DurableStream(stubs, control, this::workerIdOrName, settings.timing().maxBackoff(),
        DurableStream.STATUS_INTERVAL, new DurableWaits((invocation, why) -> router.evict(
            invocation.taskRunExternalId(), invocation.invocationCount(), why)));
    ExecutionServices services = new ExecutionServices(settings, this::workerIdOrName, stubs, events,
        slots, metrics, control, this::ended, mapper, logs, durable, registrar::engineVersion);
    router = new TaskRouter(name, tasksByAction, running, services, threads.tasks());
    listener = new ActionListener(registrar, stubs,
        control, new ReconnectPolicy(settings.timing(), () -> ThreadLocalRandom.current().nextDouble()),
        settings.timing(), metrics,
        (id, beats) -> new Heartbeater(stubs, control, settings.timing(), metrics, id, beats),
        new ListenerCallbacks());
    listener.start();
    return started;
  }

  /** Registered, its stream accepted by the engine, heartbeats acknowledged, and not draining. */
  @Override
  public boolean isReady() {
    ActionListener l = listener;
    return state == WorkerState.LISTENING && l != null && l.connected();
  }

  /** The liveness verdict: alive unless ended badly; degraded while the engine is not reachable. */
  HealthServer.Liveness liveness() {
    WorkerState now = state;
    if (now == WorkerState.GAVE_UP || now == WorkerState.KILLED) {
      return HealthServer.Liveness.DEAD;
    }
    ActionListener l = listener;
    boolean connected = l != null && l.connected();
    return connected || now == WorkerState.NEW || now == WorkerState.STOPPED
        ? HealthServer.Liveness.OK : HealthServer.Liveness.DEGRADED;
  }

  /** Null when a new assignment may run now; while draining, only with a free slot and time left. */
  private String admission(TaskDefinition<?> task) {
    WorkerState now = state;
    if (now.isTerminal()) {
      return "worker '" + name + "' is " + now;
    }
    WorkerDrain d = drainer;
    if (now != WorkerState.DRAINING || d == null) {
      return null;
    }
    if (!slots.fitsNow(task.options().slotRequests())) {
      return "worker '" + name + "' is draining and has no free slot for it";
    }
    if (d.remaining().compareTo(task.options().executionTimeout()) < 0) {
      return "worker '" + name + "' is draining and its " + d.remaining().toSeconds()
          + " s left are less than the task's execution timeout of "
          + task.options().executionTimeout().toSeconds() + " s";
    }
    return null;
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
    drainer = new WorkerDrain(settings, name, listener, running, events, stubs, durable);
    state = WorkerState.DRAINING;
    Thread drainThread = new Thread(() -> {
      try {
        drainer.run();
      } catch (RuntimeException e) {
        LOG.error("draining worker '{}' failed", name, e);
      } finally {
        closeResources(false);
        finish(WorkerState.STOPPED);
        drain.complete(null);
      }
    }, "hatchet-" + name + "-drain");
    drainThread.start();
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
    running.remove(execution.attempt(), execution);
  }

  private synchronized void finish(WorkerState end) {
    if (!state.isTerminal() || end == WorkerState.GAVE_UP || end == WorkerState.KILLED) {
      state = end;
    }
    started.completeExceptionally(new IllegalStateException("worker '" + name + "' ended: " + end));
    termination.complete(end);
  }

  private void closeResources(boolean now) {
    if (durable != null) {
      durable.close();
    }
    if (threads != null) {
      threads.close(now);
    }
    if (logs != null && !now) {
      logs.close(); // a drain delivers the queued log lines first (at most 2 s)
    }
    if (stubs != null) {
      if (now) {
        stubs.closeNow();
      } else {
        stubs.close();
      }
    }
    if (logs != null && now) {
      logs.abort(); // a kill sends nothing more and waits for nothing
    }
    if (health != null && state != WorkerState.GAVE_UP) {
      health.close();
    }
  }

  /** How the listener reaches this worker. */
  private final class ListenerCallbacks implements ActionListener.Callbacks {
    @Override
    public void onAction(AssignedAction action) {
      router.route(action, WorkerRuntime.this::admission);
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
    public void onGiveUp(String why) {
      synchronized (WorkerRuntime.this) {
        if (state.isTerminal()) {
          return;
        }
        LOG.error("FATAL: worker '{}' stops: {}. Its running tasks are not reported; the engine reassigns "
            + "them. The process should exit and be restarted once this is fixed", name, why);
        state = WorkerState.GAVE_UP;
        running.values().forEach(TaskExecution::kill);
        events.abort();
        durable.close();
        threads.close(true);
        stubs.closeNow();
        if (logs != null) {
          logs.abort();
        }
        finish(WorkerState.GAVE_UP);
      }
    }
  }
}
