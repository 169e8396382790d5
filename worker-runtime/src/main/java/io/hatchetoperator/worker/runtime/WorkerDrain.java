package io.hatchetoperator.worker.runtime;

import io.hatchetoperator.proto.dispatcher.WorkerUnsubscribeRequest;
import io.hatchetoperator.worker.client.EngineRestClient;
import io.hatchetoperator.worker.client.EngineStubs;
import io.hatchetoperator.worker.config.HatchetSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The graceful shutdown, step by step: pause the worker in the engine (REST) and stop taking
 * assignments, let running tasks finish within the drain timeout, report those still running as
 * FAILED, deliver every event, close the stream, stop heartbeats, Unsubscribe. Runs once, on its own
 * thread.
 *
 * <p>While a paused worker drains, its ListenV2 stream stays open: the engine only accepts heartbeats
 * from a worker whose stream is active, and reassigns the tasks of a worker without heartbeats after
 * 30 s, so closing the stream first would get long tasks run twice. Anything still assigned meanwhile
 * is answered FAILED (retryable) at once. If the pause fails, the stream is closed at once instead,
 * since the engine would otherwise keep assigning.
 */
final class WorkerDrain {
  private static final Logger LOG = LoggerFactory.getLogger(WorkerDrain.class);

  private final HatchetSettings settings;
  private final String name;
  private final ActionListener listener;
  private final Map<String, TaskExecution> running;
  private final EventReporter events;
  private final EngineStubs stubs;

  WorkerDrain(HatchetSettings settings, String name, ActionListener listener,
      Map<String, TaskExecution> running, EventReporter events, EngineStubs stubs) {
    this.settings = settings;
    this.name = name;
    this.listener = listener;
    this.running = running;
    this.events = events;
    this.stubs = stubs;
  }

  void run() {
    String workerId = listener.workerId();
    LOG.info("draining worker '{}': {} tasks running, drain timeout {}", name, running.size(),
        settings.drainTimeout());
    if (workerId == null || !pause(workerId)) {
      listener.stopListening();
    }
    if (!awaitIdle(settings.drainTimeout())) {
      List<TaskExecution> left = List.copyOf(running.values());
      LOG.warn("drain timeout {} reached with {} tasks running: reporting them FAILED so the engine "
          + "retries them now", settings.drainTimeout(), left.size());
      left.forEach(TaskExecution::abandon);
    }
    try {
      if (!events.awaitDelivered(settings.timing().rpcTimeout())) {
        LOG.error("{} task events could not be delivered within {} before shutdown", events.pending(),
            settings.timing().rpcTimeout());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    listener.stop();
    if (workerId != null) {
      unsubscribe(workerId);
    }
    LOG.info("worker '{}' drained and stopped", name);
  }

  private boolean pause(String workerId) {
    try {
      int status = new EngineRestClient(settings).pauseWorker(workerId);
      if (status / 100 == 2) {
        LOG.info("paused worker {} in the engine", workerId);
        return true;
      }
      LOG.warn("pausing worker {} in the engine answered HTTP {}; closing the stream and draining",
          workerId, status);
    } catch (Exception e) {
      LOG.warn("pausing worker {} in the engine failed ({}); closing the stream and draining",
          workerId, e.toString());
    }
    return false;
  }

  private boolean awaitIdle(Duration timeout) {
    long end = System.nanoTime() + timeout.toNanos();
    try {
      while (!running.isEmpty() && System.nanoTime() < end) {
        Thread.sleep(10);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return running.isEmpty();
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
