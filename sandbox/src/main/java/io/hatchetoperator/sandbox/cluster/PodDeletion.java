package io.hatchetoperator.sandbox.cluster;

import java.time.Instant;

/**
 * A pod the ReplicaSet logic removed on scale-down: how many tasks it was running at that moment, and how
 * many other ready pods of the same Deployment were idle and left running (a busy victim with idle
 * survivors is what the pod-deletion-cost protocol must prevent).
 */
public record PodDeletion(Instant at, String namespace, String deployment, String pod, int runningTasks,
    int idleSurvivors) {}
