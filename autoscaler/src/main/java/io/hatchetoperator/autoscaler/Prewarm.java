package io.hatchetoperator.autoscaler;

import java.util.ArrayList;
import java.util.List;

/**
 * Predictive pre-warming for periodic load. A burst begins when a backlog of at least one pod's slots appears (or,
 * when a burst is expected, that much work is outstanding) on a pool that had less than that outstanding a poll
 * before (and none began in the last minute); its peak is the most
 * pods asked for in its first minute. When the last {@code tuning.prewarmSightings} intervals between bursts agree
 * within {@code tuning.prewarmTolerance} (by default the period was seen three times, within 10 %), the pool is raised to the last peak one pod start-up (plus a
 * poll) before the next burst is due, and held until it comes or half a period has passed. Pure.
 */
final class Prewarm {

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
        PolicyTuning t = cfg.tuning();
        int sightings = t.prewarmSightings();
        long separation = t.prewarmMinSeparation().toMillis();
        long period = period(m, t);
        boolean expected = cfg.prewarm() && period > 0 && waiting(now, last, period, breakEven, cfg);
        boolean quietBefore = outstandingBefore >= 0 && outstandingBefore < in.slotsPerWorker();
        // a burst queues, except one that was pre-warmed for: then what runs counts as well
        long work = expected ? (long) in.queued() + in.running() : in.queued();
        if (work >= in.slotsPerWorker() && quietBefore && now - last >= separation) {
            starts.add(now);
            if (starts.size() > sightings + 1) {
                starts.remove(0);
            }
            peak = raw;
            last = now;
        } else if (now - last < separation) {
            peak = Math.max(peak, raw);
        }
        PolicyMemory memory = m.withBursts(starts, peak);
        period = period(memory, t);
        if (!cfg.prewarm() || period <= 0) {
            return new Plan(memory, 0);
        }
        return new Plan(memory, waiting(now, last, period, breakEven, cfg) ? peak : 0);
    }

    /** From one start-up (plus a poll) before the next burst is due until it came or half a period passed. */
    private static boolean waiting(long now, long last, long period, long breakEven, PoolScalingSettings cfg) {
        long due = last + period;
        long from = due - breakEven - cfg.pollInterval().toMillis();
        return now >= from && now < due + period / 2 && now - last >= cfg.tuning().prewarmMinSeparation().toMillis();
    }

    /** The trusted period between bursts, or 0 when the last intervals do not agree (or were not seen enough). */
    static long period(PolicyMemory m, PolicyTuning t) {
        int sightings = t.prewarmSightings();
        List<Long> s = m.burstStarts();
        if (s.size() < sightings + 1) {
            return 0;
        }
        long first = s.get(s.size() - sightings) - s.get(s.size() - sightings - 1);
        long sum = first;
        for (int i = s.size() - sightings + 1; i < s.size(); i++) {
            long interval = s.get(i) - s.get(i - 1);
            if (Math.abs(interval - first) > t.prewarmTolerance() * first) {
                return 0;
            }
            sum += interval;
        }
        return sum / sightings;
    }
}
