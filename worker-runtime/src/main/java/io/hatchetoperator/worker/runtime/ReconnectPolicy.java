package io.hatchetoperator.worker.runtime;

import io.hatchetoperator.worker.config.HatchetSettings.TimingSettings;
import java.util.OptionalLong;
import java.util.function.DoubleSupplier;

/**
 * Hatchet's reconnect backoff: after the n-th failure in a row wait {@code min(0.1·2^n + U(0, 0.1), cap)}
 * seconds; the count resets once a connection stayed healthy for {@code healthyReset}; after
 * {@code maxReconnectAttempts} failures, give up (0, the default: never give up, an engine outage is
 * waited out however long it lasts). Pure: times are passed in, randomness injected.
 * Not thread-safe; used from the worker's control thread.
 */
public final class ReconnectPolicy {
  private final TimingSettings timing;
  private final DoubleSupplier random;
  private int failures;
  private long connectedAtMillis = -1;

  public ReconnectPolicy(TimingSettings timing, DoubleSupplier random) {
    this.timing = timing;
    this.random = random;
  }

  /** A connection was established at {@code nowMillis}. */
  public void connected(long nowMillis) {
    connectedAtMillis = nowMillis;
  }

  /** A connection or attempt failed at {@code nowMillis}: the delay before the next attempt, or empty to give up. */
  public OptionalLong nextDelayMillis(long nowMillis) {
    if (connectedAtMillis >= 0 && nowMillis - connectedAtMillis >= timing.healthyReset().toMillis()) {
      failures = 0;
    }
    connectedAtMillis = -1;
    failures++;
    if (timing.maxReconnectAttempts() > 0 && failures > timing.maxReconnectAttempts()) {
      return OptionalLong.empty();
    }
    double seconds = 0.1 * Math.pow(2, failures) + random.getAsDouble() * 0.1;
    return OptionalLong.of(Math.min((long) (seconds * 1000), timing.maxBackoff().toMillis()));
  }

  /** Failures in a row so far. */
  public int failures() {
    return failures;
  }
}
