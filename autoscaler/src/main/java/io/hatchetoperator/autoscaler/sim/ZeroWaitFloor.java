package io.hatchetoperator.autoscaler.sim;

import java.util.Arrays;
import java.util.List;

/**
 * A lower bound for every policy: the pod-seconds of a clairvoyant pool that starts every task the instant it
 * arrives (no wait), with pods that start instantly and are perfectly packed: the integral of
 * ceil(running tasks / slots) over time. No policy that keeps every wait at zero can use less.
 */
final class ZeroWaitFloor {

    private ZeroWaitFloor() {
    }

    static double podSeconds(Trace trace, int slots) {
        return run(trace, slots)[0] / 1000.0;
    }

    /** The "floor" row of results.json: its pod-seconds, zero waits, every task done, its pod count changes. */
    static SimResult result(Trace trace, int slots) {
        long[] run = run(trace, slots);
        return new SimResult(trace.name(), "floor", run[0] / 1000.0, 0, 0, 0, 0, trace.tasks().size(), 0,
                (int) run[1], 0, List.of(), null);
    }

    /** {pod-milliseconds, changes of the pod count}. */
    private static long[] run(Trace trace, int slots) {
        int n = trace.tasks().size();
        long[] starts = new long[n];
        long[] ends = new long[n];
        for (int i = 0; i < n; i++) {
            starts[i] = trace.tasks().get(i).arrivalMs();
            ends[i] = starts[i] + trace.tasks().get(i).durationMs();
        }
        Arrays.sort(starts);
        Arrays.sort(ends);
        long podMillis = 0;
        long changes = 0;
        int running = 0;
        int pods = 0;
        int committed = 0;
        long last = 0;
        int i = 0;
        int j = 0;
        while (j < n) {
            long next = i < n && starts[i] < ends[j] ? starts[i] : ends[j];
            if (next > last) { // a new instant: what the previous one settled on lasts until now
                podMillis += (next - last) * (long) pods;
                if (pods != committed) {
                    changes++;
                    committed = pods;
                }
                last = next;
            }
            if (i < n && starts[i] < ends[j]) {
                running++;
                i++;
            } else {
                running--;
                j++;
            }
            pods = (running + slots - 1) / slots;
        }
        if (pods != committed) {
            changes++;
        }
        return new long[] {podMillis, changes};
    }
}
