package io.hatchetoperator.autoscaler.orchestrator;

import io.hatchetoperator.autoscaler.ScalingInputs;
import java.time.Instant;
import java.util.Objects;

/**
 * The answer of a {@link PoolMetricsSource}: the pool's inputs, or why they are unavailable.
 *
 * @param inputs the inputs, null when unavailable
 * @param currentReplicas the replica count in force (known from the cluster even when the engine is not)
 * @param unavailableReason why the engine's figures are missing, null when available
 * @param at when the reading was taken
 */
public record MetricsReading(ScalingInputs inputs, int currentReplicas, String unavailableReason, Instant at) {

    public MetricsReading {
        if ((inputs == null) == (unavailableReason == null)) {
            throw new IllegalArgumentException("a MetricsReading has either inputs or an unavailable reason");
        }
    }

    /** Figures read. */
    public static MetricsReading of(ScalingInputs inputs) {
        Objects.requireNonNull(inputs, "inputs");
        return new MetricsReading(inputs, inputs.desiredReplicas(), null, inputs.now());
    }

    /** Figures missing: the orchestrator holds {@code currentReplicas}. */
    public static MetricsReading unavailable(int currentReplicas, String reason, Instant at) {
        return new MetricsReading(null, currentReplicas, Objects.requireNonNull(reason, "reason"), at);
    }

    /** True when inputs are present. */
    public boolean available() {
        return inputs != null;
    }
}
