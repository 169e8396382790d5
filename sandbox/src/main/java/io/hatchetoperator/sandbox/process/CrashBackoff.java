package io.hatchetoperator.sandbox.process;

import java.time.Duration;

/**
 * The kubelet's restart back-off for a crashing container: 10 s, doubled after each restart, at most 5 min,
 * and reset once a run lasted 10 min (Kubernetes' documented defaults). Pure.
 */
final class CrashBackoff {

  static final Duration INITIAL = Duration.ofSeconds(10);
  static final Duration MAX = Duration.ofMinutes(5);
  static final Duration RESET_AFTER = Duration.ofMinutes(10);
  private int step;

  /** The delay before the next start, given how long the run that just ended lasted. */
  Duration next(Duration lastRun) {
    if (lastRun.compareTo(RESET_AFTER) >= 0) {
      step = 0;
    }
    Duration delay = INITIAL.multipliedBy(1L << Math.min(step, 10));
    step++;
    return delay.compareTo(MAX) > 0 ? MAX : delay;
  }
}
