package io.hatchetoperator.autoscaler;

/**
 * Pure demand math: measures the mean task duration from busy slots and completions (Little's law) and the
 * average busy slots, and turns queue and slots into the pods needed (docs/autoscaling-baselines.md (c) 1:
 * drain-time targeting).
 */
public final class DemandEstimator {

    /** Older observations fade with this time constant, in seconds. */
    static final double HORIZON_SECONDS = 120;
    /** Fading stops below this many completions so an idle pool keeps its estimate. */
    static final double MIN_EVIDENCE = 5;
    /** Time constant of the busy-slot average that sizes the pool, in seconds. */
    static final double BUSY_SMOOTHING_SECONDS = 30;

    private DemandEstimator() {
    }

    /** Folds one observation into the duration estimate and the idle clock. */
    public static ScalingState observe(ScalingState s, ScalingInputs in) {
        long now = in.now().toEpochMilli();
        int busy = in.busySlots();
        double slotSeconds = s.busySlotSeconds();
        double completions = s.completions();
        double average = busy;
        if (s.lastSampleMillis() >= 0 && now > s.lastSampleMillis()) {
            double weight = 1 - Math.exp(-(now - s.lastSampleMillis()) / 1000.0 / BUSY_SMOOTHING_SECONDS);
            average = s.averageBusySlots() + weight * (busy - s.averageBusySlots());
        }
        if (in.knowsCompletions() && s.lastCompletedTotal() >= 0 && s.lastSampleMillis() >= 0
                && now > s.lastSampleMillis() && in.completedTotal() >= s.lastCompletedTotal()) {
            double dt = (now - s.lastSampleMillis()) / 1000.0;
            double decay = completions > MIN_EVIDENCE ? Math.exp(-dt / HORIZON_SECONDS) : 1.0;
            slotSeconds = slotSeconds * decay + (busy + s.lastBusySlots()) / 2.0 * dt;
            completions = completions * decay + (in.completedTotal() - s.lastCompletedTotal());
        }
        boolean idle = in.queued() == 0 && busy == 0;
        long idleSince = idle ? (s.idleSinceMillis() >= 0 ? s.idleSinceMillis() : now) : -1;
        return new ScalingState(s.history(), idleSince, slotSeconds, completions,
                in.knowsCompletions() ? in.completedTotal() : -1, now, busy, average, s.cordons());
    }

    /** The pods needed now for the given inputs, settings and (observed) state. */
    public static Demand demand(ScalingInputs in, PoolScalingSettings cfg, ScalingState observed) {
        int busy = in.busySlots();
        double taskSeconds = observed.taskSeconds();
        int backlog = in.queued();
        if (backlog > 0 && !Double.isNaN(taskSeconds)) {
            double delaySeconds = cfg.targetQueueDelay().toMillis() / 1000.0;
            backlog = (int) Math.min(backlog, ceil(backlog * taskSeconds / delaySeconds));
            backlog = Math.max(1, backlog);
        }
        // Sized on the averaged busy slots (the utilization target is the headroom for their noise), never below
        // the slots running now; a queue adds its drain capacity at once.
        double steady = observed.averageBusySlots() + backlog;
        int replicas = (int) Math.max(ceil(steady / (in.slotsPerWorker() * cfg.targetSlotUtilization())),
                ceil((double) busy / in.slotsPerWorker()));
        return new Demand(busy, backlog, taskSeconds, replicas);
    }

    private static double ceil(double x) {
        return Math.ceil(x - 1e-9);
    }
}
