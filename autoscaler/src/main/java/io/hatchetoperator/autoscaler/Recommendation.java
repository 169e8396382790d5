package io.hatchetoperator.autoscaler;

/**
 * One raw recommendation of the policy, kept for the stabilization windows.
 *
 * @param atMillis when it was made (epoch milliseconds of the inputs' time)
 * @param replicas the replica count recommended before stabilization and limits
 */
public record Recommendation(long atMillis, int replicas) {
}
