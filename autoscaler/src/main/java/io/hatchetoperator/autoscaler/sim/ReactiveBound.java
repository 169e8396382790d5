package io.hatchetoperator.autoscaler.sim;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalDouble;

/**
 * A lower bound on the pod-seconds of every reactive policy (one that starts a pod only once work waits for it; any
 * hold/release schedule, clairvoyant about when to release) that meets a p95 wait below the pod start-up, on a trace
 * one pod can run. A task that finds no ready pod waits at least the start-up, so at most n − ceil(0.95 n) tasks may
 * (the nearest-rank p95); every other task needs a pod kept through the whole idle gap before it. Even if each cold
 * start were free and the pod went the instant the work before the gap ended, the pool pays the busy time plus every
 * gap (the one before the first task included) except the k longest. Empty when one pod's slots do not run the
 * trace, or the start-up is within the wait goal (then cold starts cost no goal).
 */
final class ReactiveBound {

    private ReactiveBound() {
    }

    static OptionalDouble podSeconds(Trace trace, int slots, long startupMs, long goalMs) {
        List<long[]> busy = busyIntervals(trace);
        int n = trace.tasks().size();
        if (n == 0 || startupMs <= goalMs || maxConcurrent(trace) > slots) {
            return OptionalDouble.empty();
        }
        int cold = n - (int) Math.ceil(0.95 * n);
        List<Long> gaps = new ArrayList<>();
        long paid = 0;
        long previousEnd = 0; // a pod held from the start is a gap too
        for (long[] b : busy) {
            gaps.add(Math.max(0, b[0] - previousEnd));
            paid += b[1] - b[0];
            previousEnd = b[1];
        }
        gaps.sort(Comparator.reverseOrder());
        for (int i = 0; i < gaps.size(); i++) {
            paid += i < cold ? 0 : gaps.get(i);
        }
        return OptionalDouble.of(paid / 1000.0);
    }

    /** The union of the tasks' run times, [start, end) in ms, in order. */
    static List<long[]> busyIntervals(Trace trace) {
        List<long[]> runs = new ArrayList<>();
        trace.tasks().stream().sorted(Comparator.comparingLong(TraceTask::arrivalMs)).forEach(t -> {
            long start = t.arrivalMs();
            long end = start + t.durationMs();
            long[] last = runs.isEmpty() ? null : runs.get(runs.size() - 1);
            if (last != null && start <= last[1]) {
                last[1] = Math.max(last[1], end);
            } else {
                runs.add(new long[] {start, end});
            }
        });
        return runs;
    }

    private static int maxConcurrent(Trace trace) {
        List<long[]> edges = new ArrayList<>();
        for (TraceTask t : trace.tasks()) {
            edges.add(new long[] {t.arrivalMs(), 1});
            edges.add(new long[] {t.arrivalMs() + t.durationMs(), -1});
        }
        edges.sort(Comparator.<long[]>comparingLong(e -> e[0]).thenComparingLong(e -> e[1]));
        int running = 0;
        int max = 0;
        for (long[] e : edges) {
            running += (int) e[1];
            max = Math.max(max, running);
        }
        return max;
    }
}
