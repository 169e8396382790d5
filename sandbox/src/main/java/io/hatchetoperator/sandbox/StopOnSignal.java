package io.hatchetoperator.sandbox;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C and SIGTERM during a run or {@code --keep-running}: the JVM's shutdown hook interrupts the main thread, which
 * stops the run, drains and closes everything and prints so; the hook waits for that (up to a grace period) because
 * the JVM halts as soon as its hooks return.
 */
final class StopOnSignal implements AutoCloseable {

  private final Thread main;
  private final Duration grace;
  private final CountDownLatch closed = new CountDownLatch(1);
  private final Thread hook;
  private volatile boolean requested;

  /** Watches for a signal on behalf of {@code main}; {@code install} registers the JVM shutdown hook. */
  StopOnSignal(Thread main, Duration grace, boolean install) {
    this.main = main;
    this.grace = grace;
    this.hook = new Thread(this::onSignal, "sandbox-stop");
    if (install) {
      Runtime.getRuntime().addShutdownHook(hook);
    }
  }

  /** Installs the hook for the calling thread. */
  static StopOnSignal install(Duration grace) {
    return new StopOnSignal(Thread.currentThread(), grace, true);
  }

  /** What the hook does: interrupt the main thread, then wait until it has closed everything. */
  void onSignal() {
    if (closed.getCount() == 0) {
      return;
    }
    requested = true;
    main.interrupt();
    try {
      closed.await(grace.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** True once a signal asked the sandbox to stop. */
  boolean requested() {
    return requested;
  }

  /** Everything is closed: the hook may return (and the JVM exit). */
  @Override
  public void close() {
    closed.countDown();
    if (!requested) {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException | IllegalArgumentException e) {
        // the JVM is already shutting down, or the hook was never installed
      }
    }
  }
}
