package io.hatchetoperator.autoscaler.sim;

import java.util.Comparator;
import java.util.PriorityQueue;

/** Virtual time and the discrete-event queue: events run in time order, then by kind, then FIFO. */
final class SimClock {

    /** Kinds, in the order they run at the same instant: work finishes, then arrives, then pods, then controllers. */
    static final int COMPLETE = 0;
    static final int ARRIVAL = 1;
    static final int READY = 2;
    static final int TICK = 3;
    static final int SAMPLE = 4;

    private record Event(long time, int kind, long seq, Runnable action) {
    }

    private final PriorityQueue<Event> events = new PriorityQueue<>(Comparator.comparingLong(Event::time)
            .thenComparingInt(Event::kind).thenComparingLong(Event::seq));
    private long now;
    private long seq;

    long now() {
        return now;
    }

    void at(long time, int kind, Runnable action) {
        events.add(new Event(Math.max(time, now), kind, seq++, action));
    }

    /** Runs events up to and including {@code end}; returns false when none is left. */
    boolean runUntil(long end) {
        while (!events.isEmpty() && events.peek().time() <= end) {
            Event e = events.poll();
            now = e.time();
            e.action().run();
        }
        now = Math.max(now, end);
        return !events.isEmpty();
    }
}
