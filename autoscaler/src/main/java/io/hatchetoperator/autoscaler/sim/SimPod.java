package io.hatchetoperator.autoscaler.sim;

import java.util.ArrayList;
import java.util.List;

/** A simulated pod running one worker: slots, its running tasks, the engine pause and its deletion cost. */
final class SimPod {

    final String name;
    final long createdAt;
    final long readyAt;
    final int slots;
    final List<SimTask> running = new ArrayList<>();
    boolean paused;
    int deletionCost;

    SimPod(String name, long createdAt, long readyAt, int slots) {
        this.name = name;
        this.createdAt = createdAt;
        this.readyAt = readyAt;
        this.slots = slots;
    }

    boolean ready(long now) {
        return now >= readyAt;
    }

    /** The engine may give it a task: registered, not paused, a slot free. */
    boolean assignable(long now) {
        return ready(now) && !paused && running.size() < slots;
    }
}
