package io.hatchetoperator.autoscaler.sim;

/** A scaling policy under test in the simulator (ours, or a baseline), driven by its own periodic tick. */
public interface Contender {

    /** The policy's name in the results ("operator", "hpa", "keda"). */
    String name();

    /** Replicas at the start of the run (the policy's floor). */
    int initialReplicas();

    /** Time between two ticks, in ms; the first tick is at time 0. */
    long periodMs();

    /** One tick at virtual time {@code now}: observe the cluster, change replicas, pause workers. */
    void tick(long now, SimCluster cluster);
}
