package io.hatchetoperator.autoscaler.sim;

import java.util.ArrayList;
import java.util.List;

/** A simulated pod running one worker: slots, its running tasks, the engine pause, its deletion cost, its end. */
final class SimPod {

    final String name;
    final long createdAt;
    final long readyAt;
    final int slots;
    final double tieBreak;
    final List<SimTask> running = new ArrayList<>();
    boolean paused;
    int deletionCost;
    /** When the pod was deleted (SIGTERM), or -1 while it is live. */
    long terminatingSince = -1;

    SimPod(String name, long createdAt, long readyAt, int slots, double tieBreak) {
        this.name = name;
        this.createdAt = createdAt;
        this.readyAt = readyAt;
        this.slots = slots;
        this.tieBreak = tieBreak;
    }

    boolean ready(long now) {
        return now >= readyAt;
    }

    boolean terminating() {
        return terminatingSince >= 0;
    }

    /** The engine may give it a task: registered, not paused, not shutting down, a slot free. */
    boolean assignable(long now) {
        return ready(now) && !paused && !terminating() && running.size() < slots;
    }
}
