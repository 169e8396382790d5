package io.hatchetoperator.autoscaler.orchestrator;

/**
 * Port: receives scaling events. Called on the tick's thread, after the realizer calls of that tick; must not
 * block for long and must not throw.
 */
public interface ScalingEventSink {

    /** Records one event. */
    void emit(ScalingEvent event);
}
