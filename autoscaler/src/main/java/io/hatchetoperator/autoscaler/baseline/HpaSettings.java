package io.hatchetoperator.autoscaler.baseline;

/**
 * The Kubernetes HPA v2 defaults (docs/autoscaling-baselines.md §2); times in milliseconds.
 *
 * @param minReplicas floor (1: the HPA cannot scale to zero without the HPAScaleToZero gate)
 * @param maxReplicas ceiling
 * @param tolerance no change while the usage ratio is within this of 1.0 (0.1)
 * @param syncMs the controller's sync period (15 s)
 * @param scaleDownWindowMs scale-down uses the highest recommendation of this window (300 s)
 * @param scaleUpPercent scale-up policy: add this percent of the replicas per period (100)
 * @param scaleUpPods scale-up policy: or add this many pods per period, whichever is more (4)
 * @param scaleDownPercent scale-down policy: remove up to this percent per period (100)
 * @param policyPeriodMs the period of the rate policies (15 s)
 */
public record HpaSettings(
        int minReplicas,
        int maxReplicas,
        double tolerance,
        long syncMs,
        long scaleDownWindowMs,
        int scaleUpPercent,
        int scaleUpPods,
        int scaleDownPercent,
        long policyPeriodMs) {

    /** The HPA's defaults with the given bounds. */
    public static HpaSettings defaults(int minReplicas, int maxReplicas) {
        return new HpaSettings(minReplicas, maxReplicas, 0.1, 15_000, 300_000, 100, 4, 100, 15_000);
    }
}
