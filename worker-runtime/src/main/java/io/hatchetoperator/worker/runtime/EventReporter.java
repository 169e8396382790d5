package io.hatchetoperator.worker.runtime;

import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import io.grpc.Status;
import io.hatchetoperator.proto.dispatcher.ActionEventResponse;
import io.hatchetoperator.proto.dispatcher.StepActionEvent;
import io.hatchetoperator.proto.dispatcher.StepActionEventType;
import io.hatchetoperator.worker.Attempt;
import io.hatchetoperator.worker.client.EngineStubs;
import io.hatchetoperator.worker.health.WorkerMetrics;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers STARTED / COMPLETED / FAILED events so that none is lost without a trace. Each attempt has
 * a queue whose events go out one at a time in order; a result (COMPLETED or FAILED) overtakes a
 * STARTED that failed {@value #STUCK_ATTEMPTS} times (the engine needs the result, not the start). Answers are classified by
 * {@link EventFailure}: an engine outage (UNAVAILABLE, DEADLINE_EXCEEDED) is retried for as long as it
 * lasts with backoff {@code min(0.1·2^n s, cap)} plus jitter (the reconnect cap, 5 s by default); UNAUTHENTICATED and PERMISSION_DENIED stop
 * the worker with a clear message; INVALID_ARGUMENT drops the event; RESOURCE_EXHAUSTED on a COMPLETED
 * (an output over the engine's message limit) is replaced by a non-retryable FAILED naming the size;
 * other codes get {@value #MAX_ATTEMPTS} attempts. Every drop is logged and counted in
 * {@code hatchet_worker_events_dropped_total}. Events of an attempt superseded by a newer one are
 * fenced off. Thread-safe; retries run on the worker's control scheduler.
 */
final class EventReporter {
  private static final Logger LOG = LoggerFactory.getLogger(EventReporter.class);
  /** Attempts for an event answered with a code that is neither an outage nor final. */
  static final int MAX_ATTEMPTS = 10;
  /** Failed attempts after which a STARTED counts as stuck and a result may overtake it. */
  static final int STUCK_ATTEMPTS = 3;

  private final EngineStubs stubs;
  private final ScheduledExecutorService scheduler;
  private final Duration deadline;
  private final long maxBackoffMs;
  private final WorkerMetrics metrics;
  private final Consumer<String> onFatal;
  private final Map<Attempt, TaskQueue> queues = new ConcurrentHashMap<>();
  private volatile boolean aborted;

  EventReporter(EngineStubs stubs, ScheduledExecutorService scheduler, Duration deadline,
      Duration maxBackoff, WorkerMetrics metrics, Consumer<String> onFatal) {
    this.maxBackoffMs = maxBackoff.toMillis();
    this.stubs = stubs;
    this.scheduler = scheduler;
    this.deadline = deadline;
    this.metrics = metrics;
    this.onFatal = onFatal;
  }

  /** Queues {@code event} behind the earlier events of the same attempt. */
  void send(StepActionEvent event) {
    if (aborted) {
      return;
    }
    StepActionEvent[] now = {null};
    queues.compute(key(event), (k, queue) -> {
      TaskQueue q = queue == null ? new TaskQueue() : queue;
      q.events.add(event);
      if (!q.sending) {
        q.sending = true;
        q.attempts = 0;
        now[0] = event;
      } else if (stuckStarted(q) && q.retry != null && q.retry.cancel(false)) {
        q.retry = null;
        overtake(q);
        now[0] = q.events.peek();
      }
      q.size = q.events.size();
      return q;
    });
    if (now[0] != null) {
      transmit(now[0]);
    }
  }

  /** Drops the undelivered events of attempts older than {@code attempt}: the engine would ignore them. */
  void fence(Attempt attempt) {
    if (attempt.retryCount() == 0) {
      return;
    }
    for (int older = 0; older < attempt.retryCount(); older++) {
      TaskQueue q = queues.remove(new Attempt(attempt.taskRunExternalId(), older));
      if (q != null) {
        LOG.info("dropping {} undelivered events of task run {}#{}: attempt {} replaced it", q.size,
            attempt.taskRunExternalId(), older, attempt.retryCount());
        ScheduledFuture<?> retry = q.retry;
        if (retry != null) {
          retry.cancel(false);
        }
      }
    }
  }

  /** Events not yet delivered. */
  int pending() {
    return queues.values().stream().mapToInt(q -> q.size).sum();
  }

  /** Waits until every queued event is delivered, up to {@code timeout}; true if all were. */
  boolean awaitDelivered(Duration timeout) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (pending() > 0 && System.nanoTime() < end) {
      Thread.sleep(5);
    }
    return pending() == 0;
  }

  /** Drops everything and sends nothing more (the crash simulation). */
  void abort() {
    aborted = true;
    queues.clear();
  }

  private void transmit(StepActionEvent event) {
    if (aborted) {
      return;
    }
    ListenableFuture<ActionEventResponse> call;
    try {
      call = stubs.dispatcherFuture().withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS)
          .sendStepActionEvent(event);
    } catch (RuntimeException e) {
      answered(event, Status.fromThrowable(e));
      return;
    }
    call.addListener(() -> {
      try {
        call.get();
        answered(event, Status.OK);
      } catch (ExecutionException e) {
        answered(event, Status.fromThrowable(e.getCause()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, MoreExecutors.directExecutor());
  }

  private void answered(StepActionEvent event, Status status) {
    if (aborted) {
      return;
    }
    EventFailure.Verdict classified = EventFailure.classify(event, status);
    EventFailure.Verdict[] verdict = {null};
    StepActionEvent[] next = {null};
    long[] delay = {0};
    queues.computeIfPresent(key(event), (k, q) -> {
      if (q.events.peek() != event) {
        return q; // replaced meanwhile
      }
      q.attempts++;
      EventFailure.Verdict v = classified;
      if (v == EventFailure.Verdict.RETRY && q.attempts >= MAX_ATTEMPTS) {
        v = EventFailure.Verdict.DROP;
      }
      if ((v == EventFailure.Verdict.RETRY || v == EventFailure.Verdict.OUTAGE) && stuckStarted(q)) {
        v = EventFailure.Verdict.OVERTAKEN;
      }
      switch (v) {
        case OVERTAKEN -> overtake(q);
        case DELIVERED, DROP, FATAL -> {
          q.events.poll();
          q.attempts = 0;
        }
        case REPLACE -> {
          q.events.poll();
          q.events.addFirst(EventFailure.oversized(event));
          q.attempts = 0;
        }
        default -> delay[0] = Math.min(maxBackoffMs, 100L << Math.min(q.attempts - 1, 10))
            + ThreadLocalRandom.current().nextLong(100);
      }
      verdict[0] = v;
      q.size = q.events.size();
      StepActionEvent head = q.events.peek();
      if (head == null) {
        return null;
      }
      if (delay[0] > 0) {
        try {
          q.retry = scheduler.schedule(() -> retryNow(head), delay[0], TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
          LOG.error("{} event of task run {} lost: the worker stopped before it could be delivered",
              event.getEventType(), k);
          metrics.eventDropped(status.getCode().name());
          return null;
        }
      } else {
        next[0] = head;
      }
      return q;
    });
    if (verdict[0] == null) {
      return; // fenced off meanwhile
    }
    report(event, status, verdict[0], delay[0]);
    if (next[0] != null) {
      transmit(next[0]);
    }
  }

  private void retryNow(StepActionEvent event) {
    boolean[] current = {false};
    queues.computeIfPresent(key(event), (k, q) -> {
      if (q.events.peek() == event) {
        q.retry = null;
        current[0] = true;
      }
      return q;
    });
    if (current[0]) {
      transmit(event);
    }
  }

  private void report(StepActionEvent event, Status status, EventFailure.Verdict verdict, long delay) {
    String what = event.getEventType() + " event of task run " + key(event);
    switch (verdict) {
      case DELIVERED -> { }
      case OVERTAKEN -> { }
      case RETRY, OUTAGE -> (delay >= maxBackoffMs ? LOG.atWarn() : LOG.atDebug())
          .log("{} not delivered ({}); retrying in {} ms", what, status.getCode(), delay);
      case REPLACE -> LOG.error("{} was refused as too large ({}); reporting the run FAILED instead", what,
          status.getDescription());
      case DROP -> {
        metrics.eventDropped(status.getCode().name());
        LOG.error("{} dropped: the engine answered {} ({})", what, status.getCode(), status.getDescription());
      }
      case FATAL -> {
        metrics.eventDropped(status.getCode().name());
        onFatal.accept(EventFailure.fatalMessage("sending the " + what, status));
      }
    }
  }

  /** A STARTED at the head that failed {@value #STUCK_ATTEMPTS} times, with a terminal event waiting behind it. */
  private static boolean stuckStarted(TaskQueue q) {
    return q.events.size() > 1 && q.attempts >= STUCK_ATTEMPTS
        && q.events.peek().getEventType() == StepActionEventType.STEP_EVENT_TYPE_STARTED
        && q.events.stream().skip(1).anyMatch(EventReporter::isTerminal);
  }

  /** Drops the stuck STARTED: the engine needs the result, and takes a result without a STARTED. */
  private void overtake(TaskQueue q) {
    StepActionEvent started = q.events.poll();
    q.attempts = 0;
    LOG.warn("STARTED event of task run {} still not delivered; sending the run's result ahead of it",
        key(started));
  }

  private static boolean isTerminal(StepActionEvent event) {
    return event.getEventType() == StepActionEventType.STEP_EVENT_TYPE_COMPLETED
        || event.getEventType() == StepActionEventType.STEP_EVENT_TYPE_FAILED;
  }

  private static Attempt key(StepActionEvent event) {
    return new Attempt(event.getTaskRunExternalId(), event.getRetryCount());
  }

  /**
   * The undelivered events of one attempt; the head is in flight or waiting for its retry. Changed only inside the
   * map's {@code compute} of its key, which serialises them per attempt.
   */
  private static final class TaskQueue {
    final ArrayDeque<StepActionEvent> events = new ArrayDeque<>(2);
    volatile int size;
    boolean sending;
    int attempts;
    volatile ScheduledFuture<?> retry;
  }
}
