package io.hatchetoperator.operator.autoscaling;

import io.hatchetoperator.operator.engine.EngineClientSettings;
import java.time.Duration;

/**
 * Operator-wide settings of autoscaling (per-pool settings come from each pool's spec), with defaults.
 *
 * @param pollerThreads threads that poll engines, one tenant at a time each (default 4)
 * @param schedulerTick how often due polls are looked for (default 100 ms)
 * @param backoffInitial first wait after a failed poll (default 1 s), doubled per failure
 * @param backoffMax longest wait between failed polls (default 60 s)
 * @param statePersistInterval longest time the persisted policy state may lag (default 30 s)
 * @param poolExpiry a pool not reconciled this long is forgotten and its tenant no longer polled for it
 *     (default 10 min; a deleted pool, or one switched to manual mode)
 * @param engineClient timeouts and paging of the engine REST client
 */
public record AutoscalingSettings(int pollerThreads, Duration schedulerTick, Duration backoffInitial,
    Duration backoffMax, Duration statePersistInterval, Duration poolExpiry,
    EngineClientSettings engineClient) {

  /** The defaults above. */
  public static final AutoscalingSettings DEFAULTS = new AutoscalingSettings(4,
      Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofSeconds(30),
      Duration.ofMinutes(10), EngineClientSettings.DEFAULTS);

  /** Checks every value and names the bad one. */
  public AutoscalingSettings {
    if (pollerThreads < 1) {
      throw new IllegalArgumentException("pollerThreads is " + pollerThreads + "; use 1 or more");
    }
    for (Duration d : new Duration[] {schedulerTick, backoffInitial, backoffMax,
        statePersistInterval, poolExpiry}) {
      if (d == null || d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(
            "autoscaling durations must be positive, got " + d + "; e.g. PT1S");
      }
    }
    if (engineClient == null) {
      throw new IllegalArgumentException("engineClient settings are required");
    }
  }

  /** A copy with another backoff. */
  public AutoscalingSettings withBackoff(Duration initial, Duration max) {
    return new AutoscalingSettings(pollerThreads, schedulerTick, initial, max,
        statePersistInterval, poolExpiry, engineClient);
  }
}
