package io.hatchetoperator.autoscaler.sim;

/**
 * The simulated pool and run; all times in milliseconds of virtual time.
 *
 * @param slots slots per pod (default 10)
 * @param startupDelayMs from pod creation to a registered worker (default 10 s)
 * @param pollMs the operator's poll interval (default 2 s)
 * @param maxReplicas ceiling for every policy (default 50)
 * @param seed seeds the ReplicaSet's random victim choice (default 1)
 * @param tailMs the run goes on this long after the last arrival, and until every task is done (default 5 min)
 * @param sampleMs the chart's sampling step (default 5 s)
 */
public record SimSettings(
        int slots, long startupDelayMs, long pollMs, int maxReplicas, long seed, long tailMs, long sampleMs) {

    public SimSettings {
        if (slots < 1 || startupDelayMs < 0 || pollMs < 1 || maxReplicas < 1 || tailMs < 0 || sampleMs < 1) {
            throw new IllegalArgumentException("simulation settings out of range: " + slots + " slots, startup "
                    + startupDelayMs + " ms, poll " + pollMs + " ms, max " + maxReplicas);
        }
    }

    /** The defaults of the command line. */
    public static SimSettings defaults() {
        return new SimSettings(10, 10_000, 2_000, 50, 1, 300_000, 5_000);
    }

    public SimSettings with(int slotsValue, long startupMs, long pollValueMs) {
        return new SimSettings(slotsValue, startupMs, pollValueMs, maxReplicas, seed, tailMs, sampleMs);
    }

    public SimSettings withSeed(long value) {
        return new SimSettings(slots, startupDelayMs, pollMs, maxReplicas, value, tailMs, sampleMs);
    }
}
