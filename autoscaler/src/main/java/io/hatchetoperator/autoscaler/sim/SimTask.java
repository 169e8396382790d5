package io.hatchetoperator.autoscaler.sim;

/** A task in the simulation: its trace entry, and the current run (bumped when a killed pod re-queues it). */
final class SimTask {

    final TraceTask spec;
    int attempt;
    long startedAt = -1;

    SimTask(TraceTask spec) {
        this.spec = spec;
    }
}
