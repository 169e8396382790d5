package io.hatchetoperator.worker.runtime;

import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import com.google.protobuf.Timestamp;
import io.grpc.Status;
import io.hatchetoperator.proto.dispatcher.HeartbeatRequest;
import io.hatchetoperator.proto.dispatcher.HeartbeatResponse;
import io.hatchetoperator.worker.client.EngineStubs;
import io.hatchetoperator.worker.config.HatchetSettings.TimingSettings;
import io.hatchetoperator.worker.health.WorkerMetrics;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends {@code Heartbeat} at once and then every interval (4 s) with its deadline (5 s), and tells its
 * {@link Listener} of every acknowledgement (with the send time, so the listener can tell whether the
 * engine accepted its current stream) and every failure with the count of failures in a row: the
 * listener reconnects on FAILED_PRECONDITION / NOT_FOUND and after N failures of any status.
 * UNIMPLEMENTED stops heartbeating. Warns after 2 misses in a row, errors from 5.
 */
final class Heartbeater {
  private static final Logger LOG = LoggerFactory.getLogger(Heartbeater.class);

  /** Receives the outcome of each heartbeat, on a gRPC thread. */
  interface Listener {
    void acknowledged(long sentNanos);

    void failed(Status status, int inARow);
  }

  private final EngineStubs stubs;
  private final ScheduledExecutorService scheduler;
  private final TimingSettings timing;
  private final WorkerMetrics metrics;
  private final Supplier<String> workerId;
  private final Listener listener;
  private ScheduledFuture<?> task; // guarded by this
  private volatile int misses;
  private volatile long lastAckNanos;

  Heartbeater(EngineStubs stubs, ScheduledExecutorService scheduler, TimingSettings timing,
      WorkerMetrics metrics, Supplier<String> workerId, Listener listener) {
    this.stubs = stubs;
    this.scheduler = scheduler;
    this.timing = timing;
    this.metrics = metrics;
    this.workerId = workerId;
    this.listener = listener;
  }

  /** Starts beating now and every interval; if already running, beats once more now. */
  synchronized void start() {
    long every = timing.heartbeatInterval().toMillis();
    if (task != null) {
      task.cancel(false);
    }
    try {
      // a short delay lets the engine mark the new stream active first (it rejects a heartbeat of an
      // inactive listener with FAILED_PRECONDITION: internal/services/dispatcher/server.go, Heartbeat)
      task = scheduler.scheduleAtFixedRate(this::beat, Math.min(every / 4, 500), every, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      task = null;
    }
  }

  synchronized void stop() {
    if (task != null) {
      task.cancel(false);
      task = null;
    }
  }

  synchronized boolean running() {
    return task != null;
  }

  /** When the engine last acknowledged a heartbeat ({@link System#nanoTime()}), 0 if never. */
  long lastAckNanos() {
    return lastAckNanos;
  }

  private void beat() {
    String id = workerId.get();
    if (id == null) {
      return;
    }
    Instant now = Instant.now();
    long sent = System.nanoTime();
    ListenableFuture<HeartbeatResponse> call;
    try {
      call = stubs.dispatcherFuture()
          .withDeadlineAfter(timing.heartbeatTimeout().toMillis(), TimeUnit.MILLISECONDS)
          .heartbeat(HeartbeatRequest.newBuilder().setWorkerId(id)
              .setHeartbeatAt(Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()))
              .build());
    } catch (RuntimeException e) {
      failed(Status.fromThrowable(e));
      return;
    }
    call.addListener(() -> {
      try {
        call.get();
        misses = 0;
        lastAckNanos = Math.max(lastAckNanos, sent);
        listener.acknowledged(sent);
      } catch (ExecutionException e) {
        failed(Status.fromThrowable(e.getCause()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, MoreExecutors.directExecutor());
  }

  private void failed(Status status) {
    metrics.heartbeatFailed();
    int missed = ++misses;
    if (status.getCode() == Status.Code.UNIMPLEMENTED) {
      LOG.warn("engine does not implement Heartbeat; no more heartbeats");
      stop();
      return;
    }
    if (missed >= 5) {
      LOG.error("{} heartbeats in a row failed, last: {}", missed, status.getCode());
    } else if (missed >= 2) {
      LOG.warn("{} heartbeats in a row failed, last: {}", missed, status.getCode());
    }
    listener.failed(status, missed);
  }
}
