package io.hatchetoperator.autoscaler.orchestrator;

import io.hatchetoperator.autoscaler.WorkerSnapshot;

/**
 * Port: carries decisions out. Called by {@link ScalingOrchestrator#tick} on its thread, in this order within
 * a tick: uncordons, cordons, then at most one {@link #setReplicas}. Implementations should be idempotent.
 */
public interface ScalingRealizer {

    /** Sets the pool's replica count (the one writer of the workload's replicas). */
    void setReplicas(String pool, int replicas);

    /** Pauses the worker in the engine and gives its pod the lowest pod-deletion-cost of the pool. */
    void cordon(String pool, WorkerSnapshot worker);

    /** Unpauses the worker in the engine and restores its pod's deletion cost. */
    void uncordon(String pool, String workerId, String podName);
}
