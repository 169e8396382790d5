package io.hatchetoperator.autoscaler.orchestrator;

import io.hatchetoperator.autoscaler.ScalingDecision;
import java.util.List;

/**
 * What one tick of one pool did, for status fields, conditions and metrics.
 *
 * @param pool the pool key
 * @param decision the policy's decision (or the hold when metrics were missing)
 * @param replicas the replica count in force after the tick (status.desiredReplicas)
 * @param metricsAvailable false when the source reported the figures unavailable
 * @param cordoned workers cordoned and not yet removed after the tick
 * @param scaleDownBlocked true when fewer pods are wanted but no idle worker can be removed
 * @param heldForUnmatched how many of the wanted removals wait because ready pods' workers cannot be matched
 */
public record TickResult(
        String pool,
        ScalingDecision decision,
        int replicas,
        boolean metricsAvailable,
        List<String> cordoned,
        boolean scaleDownBlocked,
        int heldForUnmatched) {

    public TickResult {
        cordoned = List.copyOf(cordoned);
    }

    /** A tick that held nothing back for unmatched workers. */
    public TickResult(String pool, ScalingDecision decision, int replicas, boolean metricsAvailable,
            List<String> cordoned, boolean scaleDownBlocked) {
        this(pool, decision, replicas, metricsAvailable, cordoned, scaleDownBlocked, 0);
    }
}
