package io.hatchetoperator.autoscaler;

import java.util.Objects;

/**
 * One engine worker of a pool as the metrics source saw it: its slots in use and whether it may get work.
 *
 * @param workerId the engine's worker id
 * @param podName the pod that runs it (from the preset pod label); empty when unknown
 * @param busySlots slots running a task now
 * @param slotLimit the worker's slot count
 * @param paused the worker is paused in the engine (gets no new task)
 * @param heartbeatFresh the engine heard from it within its heartbeat window
 */
public record WorkerSnapshot(
        String workerId, String podName, int busySlots, int slotLimit, boolean paused, boolean heartbeatFresh) {

    public WorkerSnapshot {
        Objects.requireNonNull(workerId, "workerId");
        podName = podName == null ? "" : podName;
        if (busySlots < 0 || slotLimit < 0) {
            throw new IllegalArgumentException("worker " + workerId + ": busySlots=" + busySlots + ", slotLimit="
                    + slotLimit + "; both must be 0 or more");
        }
    }

    /** A live, unpaused worker with the given load. */
    public static WorkerSnapshot of(String workerId, String podName, int busySlots, int slotLimit) {
        return new WorkerSnapshot(workerId, podName, busySlots, slotLimit, false, true);
    }

    /** True when no slot of this worker runs a task. */
    public boolean idle() {
        return busySlots == 0;
    }

    /** The same worker with the engine-side pause flag set as given. */
    public WorkerSnapshot withPaused(boolean value) {
        return new WorkerSnapshot(workerId, podName, busySlots, slotLimit, value, heartbeatFresh);
    }
}
