package io.hatchetoperator.sandbox.cluster;

import java.time.Duration;
import java.time.Instant;

/**
 * A pod's end after SIGTERM: when it was signalled and when its process was gone, its grace period, how many tasks
 * it ran when signalled and how many the kubelet killed at the end of the grace period, and whether it was of an
 * older pod template than its Deployment's (a rolling update's victim).
 */
public record PodTermination(String namespace, String deployment, String pod, String templateHash,
    boolean outdated, Instant signalled, Instant exited, long graceSeconds, int runningAtSignal, int killed) {

  /** From SIGTERM to the process's exit. */
  public Duration drainTime() {
    return Duration.between(signalled, exited);
  }

  /** True when the process exited by itself within its grace period, nothing killed. */
  public boolean drainedInGrace() {
    return killed == 0 && drainTime().compareTo(Duration.ofSeconds(graceSeconds)) <= 0;
  }
}
