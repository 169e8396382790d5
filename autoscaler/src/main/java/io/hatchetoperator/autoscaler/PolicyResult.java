package io.hatchetoperator.autoscaler;

/**
 * What {@link ScalingPolicy#decide} returns: the decision and the state to pass to the next call.
 *
 * @param decision the replica count and why
 * @param state the updated state (store it; hand it back on the next tick)
 */
public record PolicyResult(ScalingDecision decision, ScalingState state) {
}
