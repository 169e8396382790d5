package io.hatchetoperator.operator.render;

import io.hatchetoperator.operator.api.AutoscalingSpec;
import io.hatchetoperator.operator.api.HatchetWorkerPool;
import io.hatchetoperator.operator.api.HatchetWorkerPoolSpec;
import io.hatchetoperator.operator.api.HatchetWorkerPoolStatus;

/**
 * The replica count a pool's Deployment is rendered with, and the mode it comes from. It is the single input
 * of Deployment.spec.replicas. Manual pools take spec.replicas, or keep the count in force when it is unset.
 * Autoscaled pools take status.desiredReplicas (the autoscaler's last decision, which already went through the
 * safe scale-down protocol), raised to minReplicas; before the first decision they keep the count in force
 * (entering autoscaling never removes pods at once), raised to minReplicas. A count above maxReplicas is never
 * cut here: the autoscaler brings it down by pausing and removing idle workers.
 *
 * <p>Pools whose autoscaling source is External take spec.replicas (written by an HPA or KEDA through the scale
 * subresource; the count in force while it is unset) kept within min/maxReplicas.
 *
 * <p>A manual or External count below the one in force is a request: the reconciler lowers the Deployment only as
 * fast as the scale-down protocol confirms idle workers ({@code ScalingStep.lower}).
 */
public record ReplicaTarget(int replicas, Mode mode) {

    /** Where the count comes from. */
    public enum Mode {
        /** spec.replicas (or the count in force when unset). */
        Manual,
        /** status.desiredReplicas, written by the autoscaler. */
        Autoscaling,
        /** spec.replicas written by an external autoscaler (source External), within min/maxReplicas. */
        External
    }

    /** The target of {@code pool} as stored, with no Deployment yet. */
    public static ReplicaTarget of(HatchetWorkerPool pool) {
        return of(pool.getSpec(), pool.getStatus(), null);
    }

    /**
     * The target for {@code spec} and {@code status}, given the Deployment's current spec.replicas
     * ({@code running}, null when there is no Deployment). In autoscaling mode spec.replicas is not used.
     */
    public static ReplicaTarget of(HatchetWorkerPoolSpec spec, HatchetWorkerPoolStatus status, Integer running) {
        Integer inForce = running != null ? running : status == null ? null : status.getDesiredReplicas();
        AutoscalingSpec autoscaling = spec.autoscaling();
        if (autoscaling == null) {
            Integer replicas = spec.replicas();
            return new ReplicaTarget(replicas != null ? replicas : inForce != null ? inForce : 1, Mode.Manual);
        }
        int min = autoscaling.effectiveMinReplicas();
        if (autoscaling.isExternal()) {
            int max = autoscaling.effectiveMaxReplicas();
            Integer asked = spec.replicas() != null ? spec.replicas() : inForce;
            int replicas = asked != null ? asked : Math.max(1, min);
            return new ReplicaTarget(Math.min(max, Math.max(min, replicas)), Mode.External);
        }
        Integer decided = status == null ? null : status.getDesiredReplicas();
        if (decided == null || status.getLastDecision() == null) {
            return new ReplicaTarget(Math.max(min, inForce != null ? inForce : Math.max(1, min)), Mode.Autoscaling);
        }
        if (autoscaling.isPaused()) {
            return new ReplicaTarget(decided, Mode.Autoscaling);
        }
        return new ReplicaTarget(Math.max(min, decided), Mode.Autoscaling);
    }
}
