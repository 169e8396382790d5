package io.hatchetoperator.operator.autoscaling;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The autoscaling step's Events, written in submission order on one background thread so that a reconcile never
 * waits for them (client-go's event broadcaster works the same way: its recorder hands Events to a channel that a
 * goroutine writes). Nothing is written once the gate closes (the operator lost its Lease). The state annotation is
 * not written here: it is a patch of the pool itself, kept on the reconcile thread so it never races the status
 * patch of the same pool.
 */
final class BackgroundWrites implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(BackgroundWrites.class);

  private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
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
    } catch (java.util.concurrent.RejectedExecutionException e) {
      LOG.debug("not written, the autoscaler is closed");
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
