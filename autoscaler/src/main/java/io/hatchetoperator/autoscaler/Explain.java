package io.hatchetoperator.autoscaler;

import java.util.Locale;

/** Formats the one-line explanations of decisions. */
final class Explain {

    private Explain() {
    }

    /** "scale 2 → 7: 130 queued, 20/20 slots busy, drain target 10 s" or "hold 3: ...". */
    static String line(ScalingInputs in, PoolScalingSettings cfg, Demand demand, int target) {
        int current = in.desiredReplicas();
        String head = target == current ? "hold " + current : "scale " + current + " → " + target;
        StringBuilder b = new StringBuilder(head).append(": ")
                .append(in.queued()).append(" queued")
                .append(in.oldestQueuedAge().isZero() ? "" : " (oldest " + duration(in.oldestQueuedAge().toMillis()) + ")")
                .append(", ")
                .append(demand.busySlots()).append('/').append(in.readyCapacity()).append(" slots busy");
        if (in.startingReplicas() > 0) {
            b.append(", ").append(in.startingReplicas()).append(" starting");
        }
        b.append(", drain target ").append(duration(cfg.targetQueueDelay().toMillis()));
        if (!Double.isNaN(demand.taskSeconds())) {
            b.append(", task ≈ ").append(String.format(Locale.ROOT, "%.1f s", demand.taskSeconds()));
        }
        return b.toString();
    }

    /** Milliseconds as "10 s", "1.5 s" or "250 ms". */
    static String duration(long millis) {
        if (millis < 1000) {
            return millis + " ms";
        }
        return millis % 1000 == 0 ? millis / 1000 + " s" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
