package io.hatchetoperator.autoscaler.orchestrator;

import io.hatchetoperator.autoscaler.ScalingState;

/**
 * Port: keeps each pool's {@link ScalingState} between ticks (in memory, or in the custom resource's status or
 * an annotation via {@link ScalingState#encode()}). Called on the tick's thread: load at the start, save at the
 * end of every tick that read metrics.
 */
public interface ScalingStateStore {

    /** The pool's saved state, or {@link ScalingState#initial()} when there is none. */
    ScalingState load(String pool);

    /** Replaces the pool's state. */
    void save(String pool, ScalingState state);
}
