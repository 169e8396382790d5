package io.hatchetoperator.autoscaler;

/**
 * Pure demand math: measures the mean task duration from busy slots and completions (Little's law), the arrival
 * rate, the gaps between arrivals and the pod start-up, averages the busy slots, and turns queue and slots into the
 * pods needed (docs/autoscaling-baselines.md (c) 1: drain-time targeting; arrival-rate sizing while a queue exists).
 */
public final class DemandEstimator {

    private DemandEstimator() {
    }

    /** Folds one observation into the estimates and the idle clock, with the default settings. */
    public static ScalingState observe(ScalingState s, ScalingInputs in) {
        return observe(s, in, PoolScalingSettings.defaults());
    }

    /**
     * Folds one observation in. The busy-slot average that sizes the pool has a time constant of
     * {@code tuning.busySmoothing} pod start-ups (the measured one, else {@code podStartup}): noise shorter than a
     * start-up cannot be served by a new pod anyway, and a longer average holds capacity after the load fell.
     */
    public static ScalingState observe(ScalingState s, ScalingInputs in, PoolScalingSettings cfg) {
        PolicyTuning t = cfg.tuning();
        long startupMillis = cfg.podStartup().toMillis();
        long now = in.now().toEpochMilli();
        int busy = in.busySlots();
        double slotSeconds = s.busySlotSeconds();
        double completions = s.completions();
        boolean idle = in.queued() == 0 && busy == 0;
        // no sample yet (a new pool, or a state restored after an operator restart): start from the busy slots now,
        // or from the average carried over when higher, so a restart during a fall does not drop the capacity at once
        double average = s.lastSampleMillis() < 0 ? Math.max(busy, s.averageBusySlots()) : busy;
        boolean sampled = s.lastSampleMillis() >= 0 && now > s.lastSampleMillis();
        double dt = sampled ? (now - s.lastSampleMillis()) / 1000.0 : 0;
        if (sampled && !idle) {
            long startup = in.podStartupMillis() >= 0 ? in.podStartupMillis()
                    : s.memory().startupMillis() >= 0 ? s.memory().startupMillis() : startupMillis;
            double seconds = Math.max(1, t.busySmoothing() * startup / 1000.0);
            double weight = 1 - Math.exp(-dt / seconds);
            average = s.averageBusySlots() + weight * (busy - s.averageBusySlots());
        } else if (idle) {
            average = 0; // nothing queued or running: the pool needs nothing, at once
        }
        long finished = -1;
        if (in.knowsCompletions() && s.lastCompletedTotal() >= 0 && sampled
                && in.completedTotal() >= s.lastCompletedTotal()) {
            double decay = completions > t.completionEvidence()
                    ? Math.exp(-dt / (t.completionHorizon().toMillis() / 1000.0)) : 1.0;
            finished = in.completedTotal() - s.lastCompletedTotal();
            slotSeconds = slotSeconds * decay + (busy + s.lastBusySlots()) / 2.0 * dt;
            completions = completions * decay + finished;
        }
        long idleSince = idle ? (s.idleSinceMillis() >= 0 ? s.idleSinceMillis() : now) : -1;
        PolicyMemory memory = learn(s.memory(), in, now, dt, finished, t);
        return new ScalingState(s.history(), idleSince, slotSeconds, completions,
                in.knowsCompletions() ? in.completedTotal() : -1, now, busy, average, s.cordons(), memory);
    }

    /** Start-up, arrival rate and the gaps between arrivals. */
    private static PolicyMemory learn(PolicyMemory m, ScalingInputs in, long now, double dt, long finished,
            PolicyTuning t) {
        long outstanding = (long) in.queued() + in.running();
        long startup = in.podStartupMillis() >= 0 ? in.podStartupMillis() : m.startupMillis();
        double rate = m.arrivalsPerSecond();
        long arrivals = 0;
        if (m.lastOutstanding() >= 0 && dt > 0) {
            long grown = outstanding - m.lastOutstanding();
            arrivals = Math.max(0, finished >= 0 ? finished + grown : grown);
            if (finished >= 0) {
                double weight = 1 - Math.exp(-dt / (t.arrivalSmoothing().toMillis() / 1000.0));
                rate = rate < 0 ? arrivals / dt : rate + weight * (arrivals / dt - rate);
            }
        }
        long lastArrival = m.lastArrivalMillis();
        double gap = m.meanGapMillis();
        if (arrivals > 0 || in.queued() > 0) {
            if (lastArrival >= 0 && now > lastArrival) {
                double g = now - lastArrival;
                gap = gap < 0 ? g : gap + t.gapWeight() * (g - gap);
            }
            lastArrival = now;
        }
        return new PolicyMemory(m.holdMillis(), m.lastDownMillis(), m.lastDownPods(), m.lastFlapMillis(), startup,
                rate, outstanding,
                lastArrival, gap, m.burstStarts(), m.burstPeak());
    }

    /** The pods needed now for the given inputs, settings and (observed) state. */
    public static Demand demand(ScalingInputs in, PoolScalingSettings cfg, ScalingState observed) {
        int busy = in.busySlots();
        double taskSeconds = observed.taskSeconds();
        int backlog = in.queued();
        double steady = observed.averageBusySlots();
        double flow = 0;
        if (backlog > 0 && !Double.isNaN(taskSeconds)) {
            double delaySeconds = cfg.targetQueueDelay().toMillis() / 1000.0;
            backlog = (int) Math.min(backlog, ceil(backlog * taskSeconds / delaySeconds));
            backlog = Math.max(1, backlog);
            double rate = observed.memory().arrivalsPerSecond();
            if (rate > 0) { // while a queue exists, the arriving flow needs rate × duration slots of its own
                flow = rate * taskSeconds;
                steady = Math.max(steady, flow);
            }
        }
        // Sized on the averaged busy slots (the utilization target is the headroom for their noise), never below
        // the slots running now; a queue adds its drain capacity at once.
        int replicas = (int) Math.max(ceil((steady + backlog) / (in.slotsPerWorker() * cfg.targetSlotUtilization())),
                ceil((double) busy / in.slotsPerWorker()));
        return new Demand(busy, backlog, taskSeconds, replicas, flow);
    }

    /** The pods the averaged busy slots need when they grow by {@code tolerance} (a share, e.g. 0.1). */
    static int withTolerance(ScalingInputs in, PoolScalingSettings cfg, ScalingState observed, double tolerance) {
        double slots = observed.averageBusySlots() * (1 + tolerance) + in.queued();
        return (int) ceil(slots / (in.slotsPerWorker() * cfg.targetSlotUtilization()));
    }

    private static double ceil(double x) {
        return Math.ceil(x - 1e-9);
    }
}
