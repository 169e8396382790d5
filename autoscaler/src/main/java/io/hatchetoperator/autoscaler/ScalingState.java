package io.hatchetoperator.autoscaler;

import java.util.List;
import java.util.Objects;

/**
 * What the autoscaler remembers about a pool between ticks; passed in and out so the operator can persist it
 * ({@link #encode()} / {@link #decode(String)} give a compact one-line form for an annotation or status field).
 *
 * @param history raw recommendations within the stabilization windows, oldest first
 * @param idleSinceMillis since when nothing is queued or running, or -1 when busy
 * @param busySlotSeconds decayed sum of busy slot-seconds observed (numerator of the task duration estimate)
 * @param completions decayed sum of completions observed over the same time (its denominator)
 * @param lastCompletedTotal the completion counter at the previous sample, or -1
 * @param lastSampleMillis time of the previous sample, or -1
 * @param lastBusySlots busy slots at the previous sample
 * @param averageBusySlots busy slots averaged over about half a minute (what the pool needs steadily)
 * @param cordons workers picked for removal, pending or released
 * @param memory what the policy learned: hold, start-up, arrivals, bursts
 */
public record ScalingState(
        List<Recommendation> history,
        long idleSinceMillis,
        double busySlotSeconds,
        double completions,
        long lastCompletedTotal,
        long lastSampleMillis,
        int lastBusySlots,
        double averageBusySlots,
        List<Cordon> cordons,
        PolicyMemory memory) {

    public ScalingState {
        history = List.copyOf(Objects.requireNonNull(history, "history"));
        cordons = List.copyOf(Objects.requireNonNull(cordons, "cordons"));
        memory = memory == null ? PolicyMemory.initial() : memory;
    }

    /** A state with nothing learned beyond the estimates. */
    public ScalingState(List<Recommendation> history, long idleSinceMillis, double busySlotSeconds, double completions,
            long lastCompletedTotal, long lastSampleMillis, int lastBusySlots, double averageBusySlots,
            List<Cordon> cordons) {
        this(history, idleSinceMillis, busySlotSeconds, completions, lastCompletedTotal, lastSampleMillis,
                lastBusySlots, averageBusySlots, cordons, PolicyMemory.initial());
    }

    /** The state of a pool never seen before. */
    public static ScalingState initial() {
        return new ScalingState(List.of(), -1, 0, 0, -1, -1, 0, 0, List.of(), PolicyMemory.initial());
    }

    /** Measured mean task duration in seconds (Little's law), or NaN before the first completions. */
    public double taskSeconds() {
        return completions >= 1 ? busySlotSeconds / completions : Double.NaN;
    }

    /** The same state with other cordons. */
    public ScalingState withCordons(List<Cordon> value) {
        return new ScalingState(history, idleSinceMillis, busySlotSeconds, completions, lastCompletedTotal,
                lastSampleMillis, lastBusySlots, averageBusySlots, value, memory);
    }

    /** The same state with other memory. */
    public ScalingState withMemory(PolicyMemory value) {
        return new ScalingState(history, idleSinceMillis, busySlotSeconds, completions, lastCompletedTotal,
                lastSampleMillis, lastBusySlots, averageBusySlots, cordons, value);
    }

    /** The compact one-line form, e.g. {@code v1;h=1000:3,3000:4;i=-1;d=12.500:10.000;s=40:3000:2:1.800;c=w1:pod-a:2000:P}. */
    public String encode() {
        return ScalingStateCodec.encode(this);
    }

    /**
     * Parses {@link #encode()}'s form.
     *
     * @throws IllegalArgumentException naming the part that is wrong
     */
    public static ScalingState decode(String text) {
        return ScalingStateCodec.decode(text);
    }
}
