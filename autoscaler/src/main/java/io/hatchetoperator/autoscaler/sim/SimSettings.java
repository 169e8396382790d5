package io.hatchetoperator.autoscaler.sim;

/**
 * The simulated pool and run; all times in milliseconds of virtual time.
 *
 * @param slots slots per pod (default 10)
 * @param startupDelayMs from pod creation to a registered worker (default 10 s)
 * @param pollMs the operator's poll interval (default 2 s)
 * @param maxReplicas ceiling for every policy (default 50)
 * @param seed seeds the tie-break between pods the ReplicaSet ranks equal (default 1)
 * @param tailMs the run goes on this long after the last arrival, and until every task is done (default 5 min)
 * @param sampleMs the chart's sampling step (default 5 s)
 * @param graceMs terminationGracePeriodSeconds of the pods (default 30 s, Kubernetes' default)
 * @param olapUpdateMs task-metrics shows a finished run after Hatchet's next OLAP status update, which runs every
 *     this often (default 2 s: hatchet-dev/hatchet {@code internal/services/controllers/olap/controller.go},
 *     {@code pollIntervalSec := 2})
 */
public record SimSettings(
        int slots, long startupDelayMs, long pollMs, int maxReplicas, long seed, long tailMs, long sampleMs,
        long graceMs, long olapUpdateMs) {

    public SimSettings {
        if (slots < 1 || startupDelayMs < 0 || pollMs < 1 || maxReplicas < 1 || tailMs < 0 || sampleMs < 1
                || graceMs < 0 || olapUpdateMs < 0) {
            throw new IllegalArgumentException("simulation settings out of range: " + slots + " slots, startup "
                    + startupDelayMs + " ms, poll " + pollMs + " ms, max " + maxReplicas + ", grace " + graceMs
                    + " ms, OLAP update " + olapUpdateMs + " ms");
        }
    }

    /** The defaults of the command line. */
    public static SimSettings defaults() {
        return new SimSettings(10, 10_000, 2_000, 50, 1, 300_000, 5_000, 30_000, 2_000);
    }

    public SimSettings with(int slotsValue, long startupMs, long pollValueMs) {
        return new SimSettings(slotsValue, startupMs, pollValueMs, maxReplicas, seed, tailMs, sampleMs, graceMs,
                olapUpdateMs);
    }

    public SimSettings withSeed(long value) {
        return new SimSettings(slots, startupDelayMs, pollMs, maxReplicas, value, tailMs, sampleMs, graceMs,
                olapUpdateMs);
    }

    public SimSettings withGrace(long value) {
        return new SimSettings(slots, startupDelayMs, pollMs, maxReplicas, seed, tailMs, sampleMs, value,
                olapUpdateMs);
    }
}
