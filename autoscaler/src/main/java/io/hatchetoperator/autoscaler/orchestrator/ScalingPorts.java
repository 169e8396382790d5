package io.hatchetoperator.autoscaler.orchestrator;

import java.util.Objects;

/**
 * The four ports an orchestrator drives; the operator and the simulator each supply their own.
 *
 * @param metrics where figures come from
 * @param realizer what carries decisions out
 * @param states where state is kept between ticks
 * @param events who is told
 */
public record ScalingPorts(
        PoolMetricsSource metrics, ScalingRealizer realizer, ScalingStateStore states, ScalingEventSink events) {

    public ScalingPorts {
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(realizer, "realizer");
        Objects.requireNonNull(states, "states");
        Objects.requireNonNull(events, "events");
    }
}
