package io.hatchetoperator.autoscaler.baseline;

/**
 * A KEDA ScaledObject with a queue-length trigger (docs/autoscaling-baselines.md §1); times in milliseconds.
 *
 * @param pollingMs the KEDA operator's activation loop (30 s)
 * @param cooldownMs time since the trigger was last active before scaling to zero (300 s)
 * @param minReplicaCount floor (0: scale to zero)
 * @param maxReplicaCount ceiling
 * @param targetPerReplica AverageValue target: queued tasks per replica
 * @param activationThreshold the trigger is active when the queue is strictly above this (0)
 */
public record KedaSettings(
        long pollingMs, long cooldownMs, int minReplicaCount, int maxReplicaCount, double targetPerReplica,
        double activationThreshold) {

    /**
     * Hatchet's documented KEDA recipe (hatchet-dev/hatchet {@code frontend/docs/content/docs/v1/autoscaling-workers.mdx},
     * https://docs.hatchet.run/home/autoscaling-workers): a metrics-api trigger on {@code <task>.queued.total} with
     * {@code targetValue: "100"} (AverageValue, the default metric type) and {@code minReplicaCount: 1}; KEDA's
     * defaults otherwise.
     */
    public static KedaSettings hatchetRecipe(int maxReplicaCount) {
        return new KedaSettings(30_000, 300_000, 1, maxReplicaCount, 100, 0);
    }

    /** KEDA's defaults with the given ceiling and per-replica target. */
    public static KedaSettings defaults(int maxReplicaCount, double targetPerReplica) {
        return new KedaSettings(30_000, 300_000, 0, maxReplicaCount, targetPerReplica, 0);
    }
}
