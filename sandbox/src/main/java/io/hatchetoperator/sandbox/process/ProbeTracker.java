package io.hatchetoperator.sandbox.process;

/**
 * The kubelet's verdict over a probe's results: it flips to failing after {@code failureThreshold}
 * consecutive failures and back to passing after {@code successThreshold} consecutive successes. A
 * readiness probe starts failing (not ready until it passes); a liveness probe starts passing. Pure.
 */
final class ProbeTracker {

  private final int failureThreshold;
  private final int successThreshold;
  private boolean passing;
  private int successes;
  private int failures;

  ProbeTracker(ProbeSpec spec, boolean initiallyPassing) {
    this.failureThreshold = spec.failureThreshold();
    this.successThreshold = spec.successThreshold();
    this.passing = initiallyPassing;
  }

  /** Records one probe result; returns the verdict after it. */
  boolean record(boolean success) {
    if (success) {
      failures = 0;
      successes++;
      if (!passing && successes >= successThreshold) {
        passing = true;
      }
    } else {
      successes = 0;
      failures++;
      if (passing && failures >= failureThreshold) {
        passing = false;
      }
    }
    return passing;
  }

  boolean passing() {
    return passing;
  }

  /** Failures in a row so far (a startup probe that never passed fails the container at its threshold). */
  int consecutiveFailures() {
    return failures;
  }

  int failureThreshold() {
    return failureThreshold;
  }
}
