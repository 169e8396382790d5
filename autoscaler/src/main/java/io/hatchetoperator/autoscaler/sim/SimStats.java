package io.hatchetoperator.autoscaler.sim;

import java.util.ArrayList;
import java.util.List;

/** Counters of one run: waits, kills, pod time, scale events, the reaction to the first backlog, the timeline. */
final class SimStats {

    private final List<Long> waits = new ArrayList<>();
    private final List<Sample> samples = new ArrayList<>();
    private long completed;
    private long killed;
    private long podMillis;
    private int scaleEvents;
    private long firstBacklogAt = -1;
    private long firstScaleUpAt = -1;
    private long lastScaleUpAt = -1;

    void completed(long waitMs) {
        completed++;
        waits.add(waitMs);
    }

    long completed() {
        return completed;
    }

    void killed() {
        killed++;
    }

    void podGone(long aliveMs) {
        podMillis += aliveMs;
    }

    void scaled(long now, int from, int to) {
        scaleEvents++;
        if (to > from) {
            lastScaleUpAt = now;
        }
        if (to > from && firstBacklogAt >= 0 && firstScaleUpAt < 0) {
            firstScaleUpAt = now;
        }
    }

    void resetScaleEvents() {
        scaleEvents = 0;
        lastScaleUpAt = -1;
    }

    long lastScaleUpAt() {
        return lastScaleUpAt;
    }

    void backlog(long now) {
        if (firstBacklogAt < 0) {
            firstBacklogAt = now;
        }
    }

    void sample(Sample s) {
        samples.add(s);
    }

    SimResult result(String trace, String policy, long alivePodMillis, PodSecondsBreakdown breakdown) {
        breakdown.lastScaleUpMs(lastScaleUpAt);
        long[] sorted = waits.stream().mapToLong(Long::longValue).sorted().toArray();
        long reaction = firstScaleUpAt < 0 ? -1 : firstScaleUpAt - firstBacklogAt;
        return new SimResult(trace, policy, (podMillis + alivePodMillis) / 1000.0, percentile(sorted, 50),
                percentile(sorted, 95), percentile(sorted, 99), sorted.length == 0 ? 0 : sorted[sorted.length - 1],
                completed, killed, scaleEvents, reaction, List.copyOf(samples), breakdown);
    }

    /** Nearest-rank percentile. */
    static long percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }
}
