package io.hatchetoperator.autoscaler.sim;

/**
 * One point of a run's timeline.
 *
 * @param atMs virtual time
 * @param queued tasks waiting
 * @param busySlots slots running a task
 * @param replicas the Deployment's replica count
 */
public record Sample(long atMs, int queued, int busySlots, int replicas) {
}
