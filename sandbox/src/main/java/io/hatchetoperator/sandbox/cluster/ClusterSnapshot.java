package io.hatchetoperator.sandbox.cluster;

/** What the simulated cluster's pods are doing right now, summed over all Deployments. */
public record ClusterSnapshot(int starting, int ready, int draining, int busySlots, int totalSlots,
    long tasksKilled, long podMillis) {}
