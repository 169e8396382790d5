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
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends {@code Heartbeat} at once and then every interval (4 s) with its deadline (5 s). A
 * FAILED_PRECONDITION or NOT_FOUND answer is handed to {@code onRejected} (the listener reconnects);
 * UNIMPLEMENTED stops heartbeating. Warns after 2 misses in a row, errors from 5.
 */
final class Heartbeater {
  private static final Logger LOG = LoggerFactory.getLogger(Heartbeater.class);

  private final EngineStubs stubs;
  private final ScheduledExecutorService scheduler;
  private final TimingSettings timing;
  private final WorkerMetrics metrics;
  private final Supplier<String> workerId;
  private final Consumer<Status.Code> onRejected;
  private ScheduledFuture<?> task; // guarded by this
  private volatile int misses;

  Heartbeater(EngineStubs stubs, ScheduledExecutorService scheduler, TimingSettings timing,
      WorkerMetrics metrics, Supplier<String> workerId, Consumer<Status.Code> onRejected) {
    this.stubs = stubs;
    this.scheduler = scheduler;
    this.timing = timing;
    this.metrics = metrics;
    this.workerId = workerId;
    this.onRejected = onRejected;
  }

  synchronized void start() {
    if (task == null) {
      long every = timing.heartbeatInterval().toMillis();
      task = scheduler.scheduleAtFixedRate(this::beat, 0, every, TimeUnit.MILLISECONDS);
    }
  }

  synchronized void stop() {
    if (task != null) {
      task.cancel(false);
      task = null;
    }
  }

  private void beat() {
    String id = workerId.get();
    if (id == null) {
      return;
    }
    Instant now = Instant.now();
    ListenableFuture<HeartbeatResponse> call = stubs.dispatcherFuture()
        .withDeadlineAfter(timing.heartbeatTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .heartbeat(HeartbeatRequest.newBuilder().setWorkerId(id)
            .setHeartbeatAt(Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()))
            .build());
    call.addListener(() -> {
      try {
        call.get();
        misses = 0;
        LOG.debug("heartbeat sent for worker {}", id);
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
    if (status.getCode() == Status.Code.FAILED_PRECONDITION || status.getCode() == Status.Code.NOT_FOUND) {
      onRejected.accept(status.getCode());
    }
  }
}
