package io.hatchetoperator.autoscaler.sim;

import java.util.Locale;

/**
 * Where one run's pod-seconds went, integrated in one-second steps; the parts add up to the total.
 * <ul>
 *   <li>useful: busy slot-seconds / slots (a perfectly packed pool);</li>
 *   <li>packing: pods are whole: ceil(busy / slots) − busy / slots (useful + packing is the zero-wait floor's
 *       integrand at the same load);</li>
 *   <li>headroom: pods running something beyond ceil(busy / slots) (tasks spread round-robin over more pods, the
 *       utilization target);</li>
 *   <li>hold: ready pods running nothing (kept for the next task, or waiting for a scale-down);</li>
 *   <li>start-up: pods created but not registered yet;</li>
 *   <li>drain: pods deleted but still finishing their tasks (termination grace period).</li>
 * </ul>
 */
public final class PodSecondsBreakdown {

    private double useful;
    private double packing;
    private double headroom;
    private double hold;
    private double startup;
    private double drain;
    private long lastScaleUpMs = -1;

    void lastScaleUpMs(long value) {
        lastScaleUpMs = value;
    }

    /** When the run's last replica increase happened, -1 if none (a pre-warm shows as one after the last task). */
    public long lastScaleUpMs() {
        return lastScaleUpMs;
    }

    void add(long stepMs, int slots, int busySlots, int busyPods, int idlePods, int starting, int terminating) {
        double s = stepMs / 1000.0;
        double exact = busySlots / (double) slots;
        int packed = (busySlots + slots - 1) / slots;
        useful += exact * s;
        packing += (packed - exact) * s;
        headroom += (busyPods - packed) * s;
        hold += idlePods * s;
        startup += starting * s;
        drain += terminating * s;
    }

    public double useful() {
        return useful;
    }

    public double total() {
        return useful + packing + headroom + hold + startup + drain;
    }

    /** "useful 1234 (40%) | packing ..." */
    public String render() {
        double t = Math.max(1e-9, total());
        return String.format(Locale.ROOT,
                "useful %.0f (%.0f%%) | packing %.0f (%.0f%%) | headroom %.0f (%.0f%%) | hold %.0f (%.0f%%)"
                        + " | start-up %.0f (%.0f%%) | drain %.0f (%.0f%%)",
                useful, 100 * useful / t, packing, 100 * packing / t, headroom, 100 * headroom / t, hold,
                100 * hold / t, startup, 100 * startup / t, drain, 100 * drain / t);
    }

    /** The parts as a JSON object. */
    String json() {
        return String.format(Locale.ROOT, "{\"useful\": %.1f, \"packing\": %.1f, \"headroom\": %.1f, \"hold\": %.1f,"
                + " \"startup\": %.1f, \"drain\": %.1f}", useful, packing, headroom, hold, startup, drain);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PodSecondsBreakdown b && b.json().equals(json()) && b.lastScaleUpMs == lastScaleUpMs;
    }

    @Override
    public int hashCode() {
        return json().hashCode();
    }

    @Override
    public String toString() {
        return json();
    }
}
