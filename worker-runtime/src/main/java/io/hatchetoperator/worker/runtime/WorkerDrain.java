package io.hatchetoperator.worker.runtime;

import io.hatchetoperator.proto.dispatcher.WorkerUnsubscribeRequest;
import io.hatchetoperator.worker.Attempt;
import io.hatchetoperator.worker.client.EngineRestClient;
import io.hatchetoperator.worker.client.EngineStubs;
import io.hatchetoperator.worker.config.HatchetSettings;
import io.hatchetoperator.worker.config.HatchetSettings.StopMode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The graceful shutdown, step by step: pause the worker in the engine (REST), evict the durable runs that wait on
 * the engine (they replay elsewhere once their wait is satisfied), let running tasks finish within the drain timeout, then hand back those still running (stop mode HAND_BACK, the default:
 * nothing is reported, heartbeats stop, and the engine reassigns them after its 30 s heartbeat timeout
 * as an internal retry that does not use the task's {@code retries}; {@code ListTasksToReassign} in
 * {@code pkg/repository/sqlcv1/tasks.sql} and {@code ProcessTaskReassignments} in
 * {@code pkg/repository/task.go}, {@code IsAppError: false}) or report them FAILED (FAIL_FAST, which
 * uses a retry), deliver every event, close the stream, stop heartbeats, Unsubscribe. Runs once, on
 * its own thread.
 *
 * <p>While the worker drains, its stream and heartbeats stay up: the engine only accepts heartbeats
 * from a worker whose stream is active, and reassigns the tasks of a worker without them after 30 s,
 * so closing the stream first would get long tasks run twice. A stream that breaks meanwhile reconnects
 * only as the same, paused worker. If the pause fails, the stream still stays (the pause is retried
 * every few seconds); assignments that arrive meanwhile run if a slot is free and their execution
 * timeout fits before the deadline, and are handed back otherwise.
 */
final class WorkerDrain {
  private static final Logger LOG = LoggerFactory.getLogger(WorkerDrain.class);
  private static final long PAUSE_RETRY_NANOS = TimeUnit.SECONDS.toNanos(3);

  private final HatchetSettings settings;
  private final String name;
  private final ActionListener listener;
  private final Map<Attempt, TaskExecution> running;
  private final EventReporter events;
  private final EngineStubs stubs;
  private final DurableStream durable;
  private final long deadlineNanos;
  private final java.util.Set<DurableWaits.Invocation> evicted = new java.util.HashSet<>();

  WorkerDrain(HatchetSettings settings, String name, ActionListener listener,
      Map<Attempt, TaskExecution> running, EventReporter events, EngineStubs stubs, DurableStream durable) {
    this.durable = durable;
    this.settings = settings;
    this.name = name;
    this.listener = listener;
    this.running = running;
    this.events = events;
    this.stubs = stubs;
    this.deadlineNanos = System.nanoTime() + settings.drainTimeout().toNanos();
  }

  /** Time left before the drain deadline. */
  Duration remaining() {
    return Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime()));
  }

  /** A duration as people write it, e.g. 60s, 1500ms or 5m, not PT1M. */
  static String human(java.time.Duration d) {
    long ms = d.toMillis();
    if (ms % 60_000 == 0 && ms > 0) {
      return ms / 60_000 + "m";
    }
    return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
  }

  void run() {
    listener.beginDrain();
    LOG.info("draining worker '{}': {} tasks running, drain timeout {}, stop mode {}", name, running.size(),
        human(settings.drainTimeout()), settings.stopMode());
    boolean paused = pause();
    long nextPause = System.nanoTime() + PAUSE_RETRY_NANOS;
    try {
      while (!running.isEmpty() && System.nanoTime() < deadlineNanos) {
        evictWaitingDurableRuns();
        Thread.sleep(10);
        if (!paused && System.nanoTime() >= nextPause) {
          paused = pause();
          nextPause = System.nanoTime() + PAUSE_RETRY_NANOS;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (!running.isEmpty()) {
      List<TaskExecution> left = List.copyOf(running.values());
      if (settings.stopMode() == StopMode.FAIL_FAST) {
        LOG.warn("drain timeout {} reached with {} tasks running: reporting them FAILED so the engine "
            + "retries them now (stop mode FAIL_FAST uses one of their retries)", human(settings.drainTimeout()),
            left.size());
        left.forEach(TaskExecution::abandon);
      } else {
        LOG.warn("drain timeout {} reached with {} tasks running: handing them back; the engine reassigns "
            + "them about 30 s after the last heartbeat, without using their retries: {}",
            human(settings.drainTimeout()), left.size(), left.stream().map(TaskExecution::attempt).toList());
        left.forEach(TaskExecution::handBack);
      }
    }
    try {
      if (!events.awaitDelivered(settings.timing().rpcTimeout())) {
        LOG.error("{} task events could not be delivered within {} before shutdown", events.pending(),
            settings.timing().rpcTimeout());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    String workerId = listener.workerId();
    listener.stop();
    if (workerId != null) {
      unsubscribe(workerId);
    }
    LOG.info("worker '{}' drained and stopped", name);
  }

  /**
   * Durable runs waiting on the engine leave at once instead of holding the drain: each is evicted (the engine frees
   * its slot and queues it again when its wait is satisfied, to replay elsewhere) and stopped without a report, as
   * the TypeScript SDK's {@code exitGracefully} evicts durable waits ({@code v1/client/worker/worker-internal.js}).
   */
  private void evictWaitingDurableRuns() {
    var parked = durable.waits.parked();
    if (parked.isEmpty()) {
      return;
    }
    for (TaskExecution execution : List.copyOf(running.values())) {
      var invocation = new DurableWaits.Invocation(execution.taskRunId(), execution.durableInvocation());
      if (parked.contains(invocation) && evicted.add(invocation)
          && durable.evict(invocation, "worker '" + name + "' is draining", settings.timing().rpcTimeout())) {
        LOG.info("task run {} (invocation {}) waits durably: evicted, it replays on another worker once its wait "
            + "is satisfied", invocation.taskRunExternalId(), invocation.invocationCount());
        execution.handBack();
      }
    }
  }

  private boolean pause() {
    String workerId = listener.workerId();
    if (workerId == null) {
      return false;
    }
    try {
      int status = new EngineRestClient(settings).pauseWorker(workerId);
      if (status / 100 == 2) {
        LOG.info("paused worker {} in the engine", workerId);
        return true;
      }
      LOG.warn("pausing worker {} in the engine answered HTTP {}; keeping the stream and heartbeats and "
          + "trying again", workerId, status);
    } catch (Exception e) {
      LOG.warn("pausing worker {} in the engine failed ({}); keeping the stream and heartbeats and trying "
          + "again", workerId, e.toString());
    }
    return false;
  }

  private void unsubscribe(String workerId) {
    try {
      stubs.dispatcherBlocking().withDeadlineAfter(5, TimeUnit.SECONDS)
          .unsubscribe(WorkerUnsubscribeRequest.newBuilder().setWorkerId(workerId).build());
    } catch (RuntimeException e) {
      LOG.warn("Unsubscribe of worker {} failed: {}", workerId, e.toString());
    }
  }
}
