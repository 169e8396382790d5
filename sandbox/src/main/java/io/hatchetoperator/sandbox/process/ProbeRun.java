package io.hatchetoperator.sandbox.process;

import java.time.Instant;

/**
 * One probe of a running container: when it is due next, and its verdict so far. A container without the
 * probe passes it always (Kubernetes: no readiness probe means ready once running).
 */
final class ProbeRun {

  private final ProbeSpec spec;
  private final boolean initiallyPassing;
  private ProbeTracker tracker;
  private Instant next;

  private ProbeRun(ProbeSpec spec, boolean initiallyPassing) {
    this.spec = spec;
    this.initiallyPassing = initiallyPassing;
  }

  static ProbeRun of(ProbeSpec spec, boolean initiallyPassing) {
    return new ProbeRun(spec, initiallyPassing);
  }

  /** A new run of the container started at {@code now}: verdicts start over after the initial delay. */
  void reset(Instant now) {
    if (spec != null) {
      tracker = new ProbeTracker(spec, initiallyPassing);
      next = now.plus(spec.initialDelay());
    }
  }

  boolean due(Instant now) {
    return spec != null && tracker != null && !now.isBefore(next);
  }

  /** Sends the probe now; returns the verdict after it. */
  boolean probe(ProcessEnvironment env, Instant now) {
    next = now.plus(spec.period());
    return tracker.record(Prober.probe(spec, env.hostPort(spec.containerPort())));
  }

  boolean passing() {
    return spec == null || (tracker != null && tracker.passing());
  }

  /** A startup probe that has not passed and failed its threshold in a row: the kubelet kills the container. */
  boolean gaveUp() {
    return spec != null && tracker != null && !tracker.passing()
        && tracker.consecutiveFailures() >= tracker.failureThreshold();
  }

  ProbeSpec spec() {
    return spec;
  }

  String target() {
    return (spec.path() == null ? "tcp" : spec.path()) + " on container port " + spec.containerPort();
  }
}
