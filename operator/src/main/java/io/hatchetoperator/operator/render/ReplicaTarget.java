package io.hatchetoperator.operator.render;

import io.hatchetoperator.operator.api.AutoscalingSpec;
import io.hatchetoperator.operator.api.HatchetWorkerPool;
import io.hatchetoperator.operator.api.HatchetWorkerPoolSpec;
import io.hatchetoperator.operator.api.HatchetWorkerPoolStatus;

/**
 * The replica count a pool's Deployment is rendered with, and the mode it comes from. It is the single input
 * of Deployment.spec.replicas: manual pools take spec.replicas; autoscaled pools take status.desiredReplicas
 * (the autoscaler's last decision), kept within [minReplicas, maxReplicas], or minReplicas (at least 1) before
 * the first decision.
 */
public record ReplicaTarget(int replicas, Mode mode) {

    /** Where the count comes from. */
    public enum Mode {
        /** spec.replicas (or 1 when unset). */
        Manual,
        /** status.desiredReplicas, written by the autoscaler. */
        Autoscaling
    }

    /** The target of {@code pool} as stored. */
    public static ReplicaTarget of(HatchetWorkerPool pool) {
        return of(pool.getSpec(), pool.getStatus());
    }

    /**
     * The target for {@code spec} and {@code status}. In autoscaling mode spec.replicas is not used (a
     * {@code kubectl scale} of an autoscaled pool is reported by the autoscaling step, not applied).
     */
    public static ReplicaTarget of(HatchetWorkerPoolSpec spec, HatchetWorkerPoolStatus status) {
        AutoscalingSpec autoscaling = spec.autoscaling();
        if (autoscaling == null) {
            Integer replicas = spec.replicas();
            return new ReplicaTarget(replicas == null ? 1 : replicas, Mode.Manual);
        }
        Integer decided = status == null ? null : status.getDesiredReplicas();
        int min = autoscaling.effectiveMinReplicas();
        int max = autoscaling.effectiveMaxReplicas();
        if (decided == null || status.getLastDecision() == null) {
            return new ReplicaTarget(Math.min(max, Math.max(1, min)), Mode.Autoscaling);
        }
        if (autoscaling.isPaused()) {
            return new ReplicaTarget(decided, Mode.Autoscaling);
        }
        return new ReplicaTarget(Math.max(min, Math.min(max, decided)), Mode.Autoscaling);
    }
}
