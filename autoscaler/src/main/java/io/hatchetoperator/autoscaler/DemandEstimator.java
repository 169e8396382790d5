package io.hatchetoperator.autoscaler;

/**
 * Pure demand math: measures the mean task duration from busy slots and completions (Little's law) and turns
 * queue and slots into the pods needed (autoscaling-anchors.md (c) 1: drain-time targeting).
 */
public final class DemandEstimator {

    /** Older observations fade with this time constant, in seconds. */
    static final double HORIZON_SECONDS = 120;
    /** Fading stops below this many completions so an idle pool keeps its estimate. */
    static final double MIN_EVIDENCE = 5;

    private DemandEstimator() {
    }

    /** Folds one observation into the duration estimate and the idle clock. */
    public static ScalingState observe(ScalingState s, ScalingInputs in) {
        long now = in.now().toEpochMilli();
        int busy = in.busySlots();
        double slotSeconds = s.busySlotSeconds();
        double completions = s.completions();
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
                in.knowsCompletions() ? in.completedTotal() : -1, now, busy, s.cordons());
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
        int replicas = (int) ceil((busy + backlog) / (in.slotsPerWorker() * cfg.targetSlotUtilization()));
        return new Demand(busy, backlog, taskSeconds, Math.max(replicas, in.busyWorkers()));
    }

    private static double ceil(double x) {
        return Math.ceil(x - 1e-9);
    }
}
