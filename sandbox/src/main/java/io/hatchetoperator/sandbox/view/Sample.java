package io.hatchetoperator.sandbox.view;

/**
 * One second of the loop, as the live view and the report chart show it.
 *
 * @param tMs time since the run started, ms
 * @param queued tasks submitted and not yet running (in flight minus busy slots)
 * @param busySlots slots running a task, draining pods included
 * @param totalSlots slots of the ready pods
 * @param desired the Deployment's {@code spec.replicas} (what the operator asked for)
 * @param ready ready pods
 * @param starting pods created and not ready yet
 * @param draining pods terminating (SIGTERM sent, grace period running)
 * @param completed tasks completed so far
 * @param submitted tasks submitted so far
 * @param outdated pods (starting, ready or draining) of an older pod template than the Deployment's: a rolling
 *     update is under way while it is above 0
 */
public record Sample(long tMs, int queued, int busySlots, int totalSlots, int desired, int ready, int starting,
    int draining, int completed, int submitted, int outdated) {

  /** A sample with no rollout under way. */
  public Sample(long tMs, int queued, int busySlots, int totalSlots, int desired, int ready, int starting,
      int draining, int completed, int submitted) {
    this(tMs, queued, busySlots, totalSlots, desired, ready, starting, draining, completed, submitted, 0);
  }
}
