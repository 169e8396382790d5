package io.hatchetoperator.autoscaler.orchestrator;

import java.util.ArrayList;
import java.util.List;

/** A {@link ScalingEventSink} that keeps every event. */
public final class TestingEventSink implements ScalingEventSink {

    private final List<ScalingEvent> events = new ArrayList<>();

    @Override
    public void emit(ScalingEvent event) {
        events.add(event);
    }

    /** All events so far. */
    public List<ScalingEvent> events() {
        return List.copyOf(events);
    }

    /** The types of all events so far, in order. */
    public List<ScalingEventType> types() {
        return events.stream().map(ScalingEvent::type).toList();
    }
}
