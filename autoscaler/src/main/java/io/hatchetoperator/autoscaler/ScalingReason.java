package io.hatchetoperator.autoscaler;

/** Why a decision came out as it did; stable names, suitable for a status field and a metric label. */
public enum ScalingReason {
    /** More pods: running work plus the backlog need more capacity. */
    SCALE_UP,
    /** From zero pods: a task of the pool is queued. */
    SCALE_FROM_ZERO,
    /** Fewer pods: the whole stabilization window asked for less. */
    SCALE_DOWN,
    /** To zero pods: nothing queued or running for idleBeforeZero. */
    SCALE_TO_ZERO,
    /** The current count is right. */
    STEADY,
    /**
     * The busy-slot average asks for more, but within the scale-up tolerance, and no task has waited a poll: the
     * count is held (the HPA's tolerance, applied both ways).
     */
    WITHIN_TOLERANCE,
    /** Less is needed, but the fixed scale-down window (scaleDown.stabilization) still holds a higher one. */
    STABILIZING,
    /** Less is needed, but the break-even hold (the pool's pod start-up) has not passed since it was more. */
    BREAK_EVEN_HOLD,
    /** Less is needed, but the hold is lengthened because the pool scaled up soon after scaling down. */
    ANTI_FLAP_HOLD,
    /** Idle, but the cost rule keeps the last pod: the next task is expected before a cold start would pay. */
    WAITING_FOR_IDLE,
    /** Pods started one start-up before the next burst of a period seen three times. */
    PREWARM,
    /** The count was cut to maxReplicas. */
    LIMITED_BY_MAX,
    /** The count was raised to minReplicas. */
    LIMITED_BY_MIN,
    /** The step was cut by scaleUp.maxStep or scaleDown.maxStep. */
    RATE_LIMITED,
    /** Autoscaling is paused: the count is held. */
    PAUSED,
    /** The engine's metrics could not be read: the count is held. */
    METRICS_UNAVAILABLE,
    /**
     * A count requested from outside the policy (spec.replicas, the scale subresource, an external autoscaler):
     * the pool moves to it through the same scale-down protocol.
     */
    REQUESTED;

    /** True when a bound or a rate limit shaped the decision (the operator's ScalingLimited condition). */
    public boolean limited() {
        return this == LIMITED_BY_MAX || this == LIMITED_BY_MIN || this == RATE_LIMITED;
    }
}
