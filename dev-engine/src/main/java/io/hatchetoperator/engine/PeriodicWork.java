package io.hatchetoperator.engine;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Work the engine repeats on a timer (the sweep of timeouts and reassignment). A scheduled task that throws is
 * dropped by its executor for good, so this one catches every {@link Throwable}, logs it and runs again; and it says
 * when it is not alive (it stopped, or has not completed for {@code staleAfter}) so readiness can turn false.
 */
final class PeriodicWork {

  private static final Logger LOG = LoggerFactory.getLogger(PeriodicWork.class);

  private final String name;
  private final Runnable body;
  private final Duration every;
  private final Duration staleAfter;
  private volatile ScheduledFuture<?> future;
  private volatile ScheduledExecutorService timer;
  private volatile long lastSuccessNanos = System.nanoTime();
  private volatile Throwable lastFailure;

  PeriodicWork(String name, Runnable body, Duration every, Duration staleAfter) {
    this.name = name;
    this.body = body;
    this.every = every;
    this.staleAfter = staleAfter;
  }

  void start(ScheduledExecutorService timer) {
    long millis = Math.max(1, every.toMillis());
    lastSuccessNanos = System.nanoTime();
    this.timer = timer;
    future = timer.scheduleWithFixedDelay(this::runOnce, millis, millis, TimeUnit.MILLISECONDS);
  }

  private void runOnce() {
    try {
      body.run();
      lastSuccessNanos = System.nanoTime();
      if (lastFailure != null) {
        LOG.info("the engine's {} works again", name);
        lastFailure = null;
      }
    } catch (Throwable t) {
      if (lastFailure == null || !lastFailure.getClass().equals(t.getClass())) {
        LOG.error("the engine's {} failed; it runs again in {} ms", name, every.toMillis(), t);
      }
      lastFailure = t;
    }
  }

  /** Null while alive; otherwise why not (for {@code /api/ready}). */
  String problem() {
    ScheduledFuture<?> f = future;
    if (f == null) {
      return "the engine's " + name + " has not started";
    }
    if (f.isDone() || timer.isShutdown()) {
      return "the engine's " + name + " stopped; restart the engine";
    }
    long sinceMillis = (System.nanoTime() - lastSuccessNanos) / 1_000_000;
    if (sinceMillis > staleAfter.toMillis()) {
      Throwable t = lastFailure;
      return "the engine's " + name + " has not completed for " + sinceMillis + " ms"
          + (t == null ? " (it is stuck)" : " (last failure: " + t + ")")
          + "; timeouts and reassignment are not happening: check the log, give the JVM more memory (-Xmx) or restart";
    }
    return null;
  }
}
