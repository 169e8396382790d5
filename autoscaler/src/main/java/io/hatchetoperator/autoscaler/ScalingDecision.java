package io.hatchetoperator.autoscaler;

import java.util.Objects;

/**
 * The outcome of one policy evaluation.
 *
 * @param replicas the replica count the pool should have
 * @param reason why
 * @param explanation one line with the numbers used, e.g. "scale 2 → 7: 130 queued, 20/20 slots busy, drain
 *     target 10 s"
 */
public record ScalingDecision(int replicas, ScalingReason reason, String explanation) {

    public ScalingDecision {
        if (replicas < 0) {
            throw new IllegalArgumentException("ScalingDecision.replicas is " + replicas + "; it must be 0 or more");
        }
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(explanation, "explanation");
    }

    /** A decision that keeps {@code replicas} for the given reason. */
    public static ScalingDecision hold(int replicas, ScalingReason reason, String why) {
        return new ScalingDecision(replicas, reason, "hold " + replicas + ": " + why);
    }
}
