package io.hatchetoperator.worker.runtime;

import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import io.grpc.Status;
import io.hatchetoperator.proto.dispatcher.ActionEventResponse;
import io.hatchetoperator.proto.dispatcher.StepActionEvent;
import io.hatchetoperator.worker.client.EngineStubs;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers STARTED / COMPLETED / FAILED events so that none is lost: each task run has a queue, its
 * events go out one at a time in order (so COMPLETED never precedes STARTED), and a failed send is
 * retried with backoff ({@code min(0.1·2^n, 5) s} plus jitter) until the engine takes it. Only an
 * INVALID_ARGUMENT answer, which no retry can fix, drops an event (logged as an error).
 * Thread-safe; retries run on the worker's control scheduler.
 */
final class EventReporter {
  private static final Logger LOG = LoggerFactory.getLogger(EventReporter.class);
  private static final long MAX_BACKOFF_MS = 5000;

  private final EngineStubs stubs;
  private final ScheduledExecutorService scheduler;
  private final Duration deadline;
  private final Map<String, TaskQueue> queues = new ConcurrentHashMap<>();
  private volatile boolean aborted;

  EventReporter(EngineStubs stubs, ScheduledExecutorService scheduler, Duration deadline) {
    this.stubs = stubs;
    this.scheduler = scheduler;
    this.deadline = deadline;
  }

  /** Queues {@code event} behind the earlier events of the same task run. */
  void send(StepActionEvent event) {
    if (aborted) {
      return;
    }
    boolean[] start = {false};
    queues.compute(event.getTaskRunExternalId(), (id, queue) -> {
      TaskQueue q = queue == null ? new TaskQueue() : queue;
      q.events.add(event);
      if (!q.sending) {
        q.sending = true;
        start[0] = true;
      }
      return q;
    });
    if (start[0]) {
      transmit(event, 0);
    }
  }

  /** Events not yet delivered. */
  int pending() {
    return queues.values().stream().mapToInt(q -> q.size()).sum();
  }

  /** Waits until every queued event is delivered, up to {@code timeout}; true if all were. */
  boolean awaitDelivered(Duration timeout) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (!queues.isEmpty() && System.nanoTime() < end) {
      Thread.sleep(5);
    }
    return queues.isEmpty();
  }

  /** Drops everything and sends nothing more (the crash simulation). */
  void abort() {
    aborted = true;
    queues.clear();
  }

  private void transmit(StepActionEvent event, int attempt) {
    if (aborted) {
      return;
    }
    ListenableFuture<ActionEventResponse> call;
    try {
      call = stubs.dispatcherFuture().withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS)
          .sendStepActionEvent(event);
    } catch (RuntimeException e) {
      retry(event, attempt, Status.fromThrowable(e));
      return;
    }
    call.addListener(() -> {
      try {
        call.get();
        delivered(event);
      } catch (ExecutionException e) {
        Status status = Status.fromThrowable(e.getCause());
        if (status.getCode() == Status.Code.INVALID_ARGUMENT) {
          LOG.error("engine rejected the {} event of task run {} ({}); dropping it",
              event.getEventType(), event.getTaskRunExternalId(), status.getDescription());
          delivered(event);
        } else {
          retry(event, attempt, status);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, MoreExecutors.directExecutor());
  }

  private void retry(StepActionEvent event, int attempt, Status status) {
    if (aborted) {
      return;
    }
    long delay = Math.min(MAX_BACKOFF_MS, 100L << Math.min(attempt, 10))
        + ThreadLocalRandom.current().nextLong(100);
    (attempt >= 2 ? LOG.atWarn() : LOG.atDebug()).log("{} event of task run {} not delivered ({}); retry {} in {} ms",
        event.getEventType(), event.getTaskRunExternalId(), status.getCode(), attempt + 1, delay);
    try {
      scheduler.schedule(() -> transmit(event, attempt + 1), delay, TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      LOG.error("{} event of task run {} lost: the worker stopped before it could be delivered",
          event.getEventType(), event.getTaskRunExternalId());
    }
  }

  private void delivered(StepActionEvent event) {
    StepActionEvent[] next = {null};
    queues.computeIfPresent(event.getTaskRunExternalId(), (id, q) -> {
      q.events.poll();
      if (q.events.isEmpty()) {
        return null;
      }
      next[0] = q.events.peek();
      return q;
    });
    if (next[0] != null) {
      transmit(next[0], 0);
    }
  }

  /** The undelivered events of one task run; the head is the one in flight. Guarded by the map's compute. */
  private static final class TaskQueue {
    final ArrayDeque<StepActionEvent> events = new ArrayDeque<>(2);
    boolean sending;

    synchronized int size() {
      return events.size();
    }
  }
}
