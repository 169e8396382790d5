package io.hatchetoperator.autoscaler.orchestrator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A {@link ScalingEventSink} that logs each event: the default, and a base for sinks that also publish. */
public class LoggingScalingEventSink implements ScalingEventSink {

    private static final Logger LOG = LoggerFactory.getLogger(LoggingScalingEventSink.class);

    @Override
    public void emit(ScalingEvent event) {
        if (event.type() == ScalingEventType.METRICS_UNAVAILABLE || event.type() == ScalingEventType.SCALE_DOWN_BLOCKED) {
            LOG.warn("pool {}: {} {}", event.pool(), event.type(), event.message());
        } else {
            LOG.info("pool {}: {} {}", event.pool(), event.type(), event.message());
        }
    }
}
