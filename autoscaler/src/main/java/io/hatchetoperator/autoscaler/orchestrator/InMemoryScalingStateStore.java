package io.hatchetoperator.autoscaler.orchestrator;

import io.hatchetoperator.autoscaler.ScalingState;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link ScalingStateStore} in a map: for the simulator and for operators that keep state in memory. */
public final class InMemoryScalingStateStore implements ScalingStateStore {

    private final Map<String, ScalingState> states = new ConcurrentHashMap<>();

    @Override
    public ScalingState load(String pool) {
        return states.getOrDefault(pool, ScalingState.initial());
    }

    @Override
    public void save(String pool, ScalingState state) {
        states.put(pool, state);
    }
}
