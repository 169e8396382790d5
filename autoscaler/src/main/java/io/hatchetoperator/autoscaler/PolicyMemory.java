package io.hatchetoperator.autoscaler;

import java.util.List;

/**
 * What the policy learns over time about a pool, beyond the stabilization history: the anti-flap hold, the measured
 * pod start-up, the arrival rate and gaps, and the bursts seen for predictive pre-warming.
 *
 * @param holdMillis the scale-down hold now in force (0: the break-even hold), doubled by flaps and halved when calm
 * @param lastDownMillis when the policy last lowered the count, or -1
 * @param lastDownPods how many pods that scale-down removed
 * @param lastFlapMillis when the hold last changed (a flap doubled it or calm halved it), or -1
 * @param startupMillis the pool's measured pod start-up (pod created → worker registered), or -1 until measured
 * @param arrivalsPerSecond tasks arriving per second, averaged (needs the completion counter), or -1
 * @param lastOutstanding queued + running at the previous sample, or -1
 * @param lastArrivalMillis the last sample at which work arrived, or -1
 * @param meanGapMillis the average time between samples at which work arrived, or -1
 * @param burstStarts when the last bursts began (a queue appearing on a pool that had none), oldest first
 * @param burstPeak the most replicas the last burst asked for
 */
public record PolicyMemory(
        long holdMillis,
        long lastDownMillis,
        int lastDownPods,
        long lastFlapMillis,
        long startupMillis,
        double arrivalsPerSecond,
        long lastOutstanding,
        long lastArrivalMillis,
        double meanGapMillis,
        List<Long> burstStarts,
        int burstPeak) {

    public PolicyMemory {
        burstStarts = List.copyOf(burstStarts);
    }

    /** Nothing learned yet. */
    public static PolicyMemory initial() {
        return new PolicyMemory(0, -1, 0, -1, -1, -1, -1, -1, -1, List.of(), 0);
    }

    PolicyMemory withHold(long hold, long flapAt) {
        return new PolicyMemory(hold, lastDownMillis, lastDownPods, flapAt, startupMillis, arrivalsPerSecond, lastOutstanding,
                lastArrivalMillis, meanGapMillis, burstStarts, burstPeak);
    }

    PolicyMemory withLastDown(long at, int pods) {
        return new PolicyMemory(holdMillis, at, pods, lastFlapMillis, startupMillis, arrivalsPerSecond, lastOutstanding,
                lastArrivalMillis, meanGapMillis, burstStarts, burstPeak);
    }

    PolicyMemory withBursts(List<Long> starts, int peak) {
        return new PolicyMemory(holdMillis, lastDownMillis, lastDownPods, lastFlapMillis, startupMillis,
                arrivalsPerSecond, lastOutstanding, lastArrivalMillis, meanGapMillis, starts, peak);
    }
}
