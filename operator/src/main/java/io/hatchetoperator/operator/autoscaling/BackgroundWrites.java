package io.hatchetoperator.operator.autoscaling;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The autoscaling step's Events, written in submission order on one background thread so that a reconcile never
 * waits for them (client-go's event broadcaster works the same way: its recorder hands Events to a channel that a
 * goroutine writes, and drops what does not fit its queue). Nothing is written once the gate closes (the operator lost its Lease). The state annotation is
 * not written here: it is a patch of the pool itself, kept on the reconcile thread so it never races the status
 * patch of the same pool.
 */
final class BackgroundWrites implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(BackgroundWrites.class);

  /** Events waiting beyond this many are dropped with a log line (client-go's broadcaster drops them too). */
  static final int QUEUE = 1000;

  private final ExecutorService executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
      new ArrayBlockingQueue<>(QUEUE), r -> {
        Thread t = new Thread(r, "autoscaling-events");
        t.setDaemon(true);
        return t;
      });
  private volatile BooleanSupplier gate = () -> true;

  /** Writes nothing more once {@code mayWrite} turns false. */
  void gate(BooleanSupplier mayWrite) {
    this.gate = mayWrite;
  }

  /** Runs {@code write} on the background thread, after everything submitted before it. */
  void submit(Runnable write) {
    try {
      executor.execute(() -> {
        if (gate.getAsBoolean()) {
          try {
            write.run();
          } catch (RuntimeException e) {
            LOG.warn("a background write failed: {}", e.getMessage());
          }
        }
      });
    } catch (RejectedExecutionException e) {
      LOG.warn("an Event was dropped: {} are waiting to be written, or the autoscaler is closed", QUEUE);
    }
  }

  /** Waits until everything submitted so far was written (tests). */
  void awaitIdle() {
    try {
      executor.submit(() -> { }).get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.warn("background writes did not finish: {}", e.getMessage());
    }
  }

  /** Writes what is queued (within 5 s), then stops. */
  @Override
  public void close() {
    executor.shutdown();
    try {
      if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      executor.shutdownNow();
    }
  }
}
