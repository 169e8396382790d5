package io.hatchetoperator.autoscaler;

import java.util.ArrayList;
import java.util.List;

/**
 * Predictive pre-warming for periodic load. A burst begins when a backlog of at least one pod's slots appears (or,
 * when a burst is expected, that much work is outstanding) on a pool that had less than that outstanding a poll
 * before (and none began in the last minute); its peak is the most
 * pods asked for in its first minute. When the last {@link #SIGHTINGS} intervals between bursts agree within
 * {@link #TOLERANCE} (the period was seen three times), the pool is raised to the last peak one pod start-up (plus a
 * poll) before the next burst is due, and held until it comes or half a period has passed. Pure.
 */
final class Prewarm {

    static final int SIGHTINGS = 3;
    static final double TOLERANCE = 0.1;
    static final long MIN_SEPARATION_MS = 60_000;

    /** The memory after this tick and the pods pre-warming asks for (0: none). */
    record Plan(PolicyMemory memory, int replicas) {
    }

    private Prewarm() {
    }

    static Plan plan(PolicyMemory m, PoolScalingSettings cfg, long now, long breakEven, int raw, ScalingInputs in,
            long outstandingBefore) {
        List<Long> starts = new ArrayList<>(m.burstStarts());
        int peak = m.burstPeak();
        long last = starts.isEmpty() ? Long.MIN_VALUE / 2 : starts.get(starts.size() - 1);
        long period = period(m);
        boolean expected = cfg.prewarm() && period > 0 && waiting(now, last, period, breakEven, cfg);
        boolean quietBefore = outstandingBefore >= 0 && outstandingBefore < in.slotsPerWorker();
        // a burst queues, except one that was pre-warmed for: then what runs counts as well
        long work = expected ? (long) in.queued() + in.running() : in.queued();
        if (work >= in.slotsPerWorker() && quietBefore && now - last >= MIN_SEPARATION_MS) {
            starts.add(now);
            if (starts.size() > SIGHTINGS + 1) {
                starts.remove(0);
            }
            peak = raw;
            last = now;
        } else if (now - last < MIN_SEPARATION_MS) {
            peak = Math.max(peak, raw);
        }
        PolicyMemory memory = m.withBursts(starts, peak);
        period = period(memory);
        if (!cfg.prewarm() || period <= 0) {
            return new Plan(memory, 0);
        }
        return new Plan(memory, waiting(now, last, period, breakEven, cfg) ? peak : 0);
    }

    /** From one start-up (plus a poll) before the next burst is due until it came or half a period passed. */
    private static boolean waiting(long now, long last, long period, long breakEven, PoolScalingSettings cfg) {
        long due = last + period;
        long from = due - breakEven - cfg.pollInterval().toMillis();
        return now >= from && now < due + period / 2 && now - last >= MIN_SEPARATION_MS;
    }

    /** The trusted period between bursts, or 0 when the last intervals do not agree (or were not seen enough). */
    static long period(PolicyMemory m) {
        List<Long> s = m.burstStarts();
        if (s.size() < SIGHTINGS + 1) {
            return 0;
        }
        long first = s.get(s.size() - SIGHTINGS) - s.get(s.size() - SIGHTINGS - 1);
        long sum = first;
        for (int i = s.size() - SIGHTINGS + 1; i < s.size(); i++) {
            long interval = s.get(i) - s.get(i - 1);
            if (Math.abs(interval - first) > TOLERANCE * first) {
                return 0;
            }
            sum += interval;
        }
        return sum / SIGHTINGS;
    }
}
