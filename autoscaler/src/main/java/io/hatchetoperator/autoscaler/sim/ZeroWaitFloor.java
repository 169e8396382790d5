package io.hatchetoperator.autoscaler.sim;

import java.util.Arrays;

/**
 * A lower bound for the goal: the pod-seconds of a clairvoyant pool that starts every task the instant it
 * arrives (no wait), with pods that start instantly and are perfectly packed: the integral of
 * ceil(running tasks / slots) over time. No policy that keeps every wait at zero can use less.
 */
final class ZeroWaitFloor {

    private ZeroWaitFloor() {
    }

    static double podSeconds(Trace trace, int slots) {
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
        int running = 0;
        long last = 0;
        int i = 0;
        int j = 0;
        while (j < n) {
            long next = i < n && starts[i] < ends[j] ? starts[i] : ends[j];
            podMillis += (next - last) * (long) Math.ceil(running / (double) slots);
            last = next;
            if (i < n && starts[i] < ends[j]) {
                running++;
                i++;
            } else {
                running--;
                j++;
            }
        }
        return podMillis / 1000.0;
    }
}
