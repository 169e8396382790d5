package io.hatchetoperator.worker.runtime;

import com.google.protobuf.Timestamp;
import io.hatchetoperator.proto.events.PutLogRequest;
import io.hatchetoperator.worker.client.EngineStubs;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends task log lines to the engine off the task's thread, as the Python SDK's {@code AsyncLogSender} does
 * ({@code hatchet_sdk/worker/runner/utils/capture_logs.py}: one consumer thread, a queue of
 * {@code log_queue_size} = 1000 lines, a line that finds it full is dropped with a warning). A task never blocks
 * on logging and a flood of lines costs at most the queue's memory; {@link #dropped()} counts the losses.
 */
final class LogSender implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LogSender.class);
  static final int QUEUE_SIZE = 1000;

  private final EngineStubs stubs;
  private final Duration rpcTimeout;
  private final BlockingQueue<PutLogRequest> queue = new ArrayBlockingQueue<>(QUEUE_SIZE);
  private final AtomicLong dropped = new AtomicLong();
  private final Thread consumer;
  private volatile boolean closed;

  LogSender(String workerName, EngineStubs stubs, Duration rpcTimeout) {
    this.stubs = stubs;
    this.rpcTimeout = rpcTimeout;
    this.consumer = new Thread(this::consume, "hatchet-" + workerName + "-logs");
    consumer.setDaemon(true);
    consumer.start();
  }

  /** Queues a line; never blocks. */
  void publish(String taskRunId, int retryCount, String level, String message, long epochMillis) {
    PutLogRequest line = PutLogRequest.newBuilder().setTaskRunExternalId(taskRunId)
        .setCreatedAt(Timestamp.newBuilder().setSeconds(epochMillis / 1000).setNanos((int) (epochMillis % 1000) * 1_000_000))
        .setMessage(message).setLevel(level).setTaskRetryCount(retryCount).build();
    if (closed || !queue.offer(line)) {
      if (dropped.incrementAndGet() % 1000 == 1) {
        LOG.warn("the task log queue ({} lines) is full: dropping log lines of task run {} ({} dropped so far)",
            QUEUE_SIZE, taskRunId, dropped.get());
      }
    }
  }

  long dropped() {
    return dropped.get();
  }

  int pending() {
    return queue.size();
  }

  private void consume() {
    while (!closed || !queue.isEmpty()) {
      PutLogRequest line;
      try {
        line = queue.poll(100, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        return;
      }
      if (line == null) {
        continue;
      }
      try {
        stubs.eventsBlocking().withDeadlineAfter(rpcTimeout.toMillis(), TimeUnit.MILLISECONDS).putLog(line);
      } catch (RuntimeException e) {
        LOG.debug("could not send a log line of task run {}: {}", line.getTaskRunExternalId(), e.toString());
      }
    }
  }

  /** Stops at once: queued lines are dropped, nothing waits. */
  void abort() {
    closed = true;
    queue.clear();
    consumer.interrupt();
  }

  /** Sends what is queued (for up to 2 s), then stops. */
  @Override
  public void close() {
    closed = true;
    try {
      consumer.join(2_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    consumer.interrupt();
  }
}
