package io.hatchetoperator.autoscaler;

/**
 * The capacity a pool needs right now, before stabilization and limits.
 *
 * @param busySlots slots running tasks
 * @param backlogSlots extra slots that drain the queue within the target delay
 * @param taskSeconds the measured mean task duration, NaN when not known yet (then each queued task counts
 *     as one slot)
 * @param replicas pods that hold busy + backlog slots at the target utilization (so never fewer than the
 *     running work's slots need)
 * @param flowSlots while a queue exists: slots the arriving flow needs (arrival rate × task duration), else 0
 */
public record Demand(int busySlots, int backlogSlots, double taskSeconds, int replicas, double flowSlots) {

    /** A demand without arrival-rate sizing. */
    public Demand(int busySlots, int backlogSlots, double taskSeconds, int replicas) {
        this(busySlots, backlogSlots, taskSeconds, replicas, 0);
    }

    /** True when nothing is queued and nothing runs. */
    public boolean idle() {
        return busySlots == 0 && backlogSlots == 0;
    }
}
