package io.hatchetoperator.autoscaler.orchestrator;

import io.hatchetoperator.autoscaler.WorkerSnapshot;
import java.util.List;

/**
 * Port: carries decisions out. Called by {@link ScalingOrchestrator#tick} on its thread, in this order within
 * a tick: uncordons, cordons, then at most one {@link #setReplicas}. Implementations should be idempotent.
 */
public interface ScalingRealizer {

    /**
     * Sets the pool's replica count (the one writer of the workload's replicas). On a scale-down,
     * {@code removePods} names the confirmed-idle pods to go: give them the lowest
     * {@code controller.kubernetes.io/pod-deletion-cost} of the pool just before lowering the count (pods not
     * yet ready, which the ReplicaSet removes first anyway, are not named). Empty on a scale-up.
     */
    void setReplicas(String pool, int replicas, List<String> removePods);

    /**
     * Pauses the worker in the engine so it gets no new task. Its pod keeps its deletion cost: a paused worker
     * may still be draining, and only confirmed-idle pods get the lowest cost (in {@link #setReplicas}).
     */
    void cordon(String pool, WorkerSnapshot worker);

    /** Unpauses the worker in the engine and removes any deletion cost this realizer gave its pod. */
    void uncordon(String pool, String workerId, String podName);
}
