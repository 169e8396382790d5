package io.hatchetoperator.autoscaler;

import java.util.ArrayList;
import java.util.List;

/**
 * The pure scaling policy. Up: at once and in one step to the capacity that runs what runs, carries the arriving
 * flow and drains the backlog within the target delay, once a task waited a poll or the busy-slot average passed the
 * capacity by the scale-up tolerance. Down: only to the highest recommendation of the hold, which
 * is the break-even time (the pool's measured pod start-up: an idle pod kept that long costs what re-starting it
 * would), doubled up to scaleDown.maxHold when a scale-up follows a scale-down soon, halved again when calm. To zero:
 * the last pod stays while the next task is expected within the cost rule's horizon. Pre-warm (optional): pods start
 * one start-up before a burst of a period seen three times. No I/O, no clock: time comes from the inputs, memory from
 * the state passed in and out.
 */
public final class ScalingPolicy {

    /** Evaluates one tick of one pool. Thread-safe (stateless). */
    public PolicyResult decide(ScalingInputs in, PoolScalingSettings cfg, ScalingState state) {
        long now = in.now().toEpochMilli();
        int current = in.desiredReplicas();
        ScalingState observed = DemandEstimator.observe(state, in, cfg);
        if (cfg.paused()) {
            return new PolicyResult(ScalingDecision.hold(current, ScalingReason.PAUSED, "autoscaling is paused"),
                    observed);
        }
        Demand demand = DemandEstimator.demand(in, cfg, observed);
        PolicyMemory memory = calm(observed.memory(), cfg, now);
        long breakEven = breakEven(memory, cfg);
        long hold = cfg.breakEvenHold() ? Math.max(breakEven, memory.holdMillis())
                : cfg.scaleDownStabilization().toMillis();
        long idleMillis = observed.idleSinceMillis() < 0 ? 0 : now - observed.idleSinceMillis();
        int raw = demand.replicas();
        PolicyTuning t = cfg.tuning();
        if (raw < current && raw > 0) { // down only when the smaller pool still fits the average + scaleDownTolerance
            raw = Math.min(current, Math.max(raw,
                    DemandEstimator.withTolerance(in, cfg, observed, t.scaleDownTolerance())));
        } else if (raw > current && current > 0 && !waitedAPoll(in, cfg)) {
            // no task waited a whole poll: up only when the average passes the capacity by the tolerance (the HPA
            // applies its tolerance both ways); a task queued longer than a poll adds pods at once
            raw = Math.max(current, Math.min(raw,
                    DemandEstimator.withTolerance(in, cfg, observed, -t.scaleUpTolerance())));
        }
        boolean tolerated = raw == current && demand.replicas() > current;
        Prewarm.Plan prewarm = Prewarm.plan(memory, cfg, now, breakEven, raw, in, state.memory().lastOutstanding());
        memory = prewarm.memory();
        raw = Math.max(raw, prewarm.replicas());
        boolean toZero = false;
        long lastPodHold = lastPodHold(memory, cfg, breakEven);
        if (raw == 0 && current > 0) {
            toZero = idleMillis >= lastPodHold;
            raw = toZero ? 0 : 1;
        }
        List<Recommendation> history = record(observed.history(), now, raw, current, cfg, hold);
        int stabilized = current;
        if (raw > current) {
            stabilized = Math.max(current, extreme(history, now - cfg.scaleUpStabilization().toMillis(), false));
        } else if (raw < current) {
            stabilized = toZero ? 0 : Math.min(current, extreme(history, now - hold, true));
        }
        Rule rule = new Rule(demand, raw, idleMillis, hold, breakEven, lastPodHold, prewarm.replicas() > 0
                && prewarm.replicas() >= demand.replicas() && prewarm.replicas() > current, tolerated);
        ScalingDecision decision = limit(in, cfg, rule, stabilized, memory);
        memory = flaps(memory, cfg, now, current, decision.replicas(), breakEven);
        ScalingState next = new ScalingState(history, observed.idleSinceMillis(), observed.busySlotSeconds(),
                observed.completions(), observed.lastCompletedTotal(), observed.lastSampleMillis(),
                observed.lastBusySlots(), observed.averageBusySlots(), observed.cordons(), memory);
        return new PolicyResult(decision, next);
    }

    /**
     * True when a task has waited at least a poll interval: the pool lacks capacity. A queue of tasks that arrived
     * since the last poll is not yet evidence of that (free slots take them as running tasks end).
     */
    static boolean waitedAPoll(ScalingInputs in, PoolScalingSettings cfg) {
        return in.queued() > 0 && in.oldestQueuedAge().compareTo(cfg.pollInterval()) >= 0;
    }

    /** What the decision was based on, for its reason and explanation. */
    private record Rule(Demand demand, int raw, long idleMillis, long hold, long breakEven, long lastPodHold,
            boolean prewarm, boolean tolerated) {
    }

    /** The break-even hold: the measured pod start-up, or the configured one until measured. */
    static long breakEven(PolicyMemory m, PoolScalingSettings cfg) {
        return m.startupMillis() >= 0 ? m.startupMillis() : cfg.podStartup().toMillis();
    }

    /**
     * The cost rule for the last pod: keeping it idle through a typical gap between tasks costs about that gap in
     * pod-seconds and saves the next task a cold start (start-up pod-seconds and start-up wait); so it is kept for
     * {@code tuning.lastPodGaps} gaps (at least the break-even hold) while that fits in idleBeforeZero, and released at
     * break-even when tasks come further apart than that (a cold start then costs less than the wait).
     */
    static long lastPodHold(PolicyMemory m, PoolScalingSettings cfg, long breakEven) {
        long cap = cfg.idleBeforeZero().toMillis();
        if (m.meanGapMillis() < 0) {
            return Math.min(cap, breakEven);
        }
        long keep = (long) (cfg.tuning().lastPodGaps() * m.meanGapMillis());
        return keep <= cap ? Math.max(breakEven, keep) : Math.min(cap, breakEven);
    }

    /**
     * Anti-flap: a scale-up soon after a scale-down (within {@code tuning.flapHolds} holds, or before the scale-down saved
     * the start-up it now pays again: pods removed × time gone < pods added × pod start-up) doubles the hold, capped
     * at scaleDown.maxHold; a scale-down is remembered until the next scale-up judges it. A
     * start from zero is not judged here: the last pod's cost rule decided that one.
     */
    private static PolicyMemory flaps(PolicyMemory m, PoolScalingSettings cfg, long now, int current, int target,
            long breakEven) {
        if (target < current) {
            return m.withLastDown(now, current - target);
        }
        long hold = Math.max(breakEven, m.holdMillis());
        if (target <= current || m.lastDownMillis() < 0) {
            return m;
        }
        PolicyMemory judged = m.withLastDown(-1, 0); // each scale-down is judged once, by the scale-up after it
        long gone = now - m.lastDownMillis();
        boolean loss = (double) m.lastDownPods() * gone < (double) (target - current) * breakEven;
        if (current > 0 && cfg.breakEvenHold() && (loss || gone < cfg.tuning().flapHolds() * hold)) {
            long doubled = Math.min(Math.max(breakEven, cfg.scaleDownMaxHold().toMillis()), 2 * hold);
            return judged.withHold(doubled, now);
        }
        return judged;
    }

    /** The hold decays: halved (not below break-even) after {@code tuning.calmHolds} holds without a flap. */
    private static PolicyMemory calm(PolicyMemory m, PoolScalingSettings cfg, long now) {
        if (m.holdMillis() <= 0 || m.lastFlapMillis() < 0 || now - m.lastFlapMillis() < cfg.tuning().calmHolds() * m.holdMillis()) {
            return m;
        }
        long half = m.holdMillis() / 2;
        return m.withHold(half <= breakEven(m, cfg) ? 0 : half, now);
    }

    private static ScalingDecision limit(ScalingInputs in, PoolScalingSettings cfg, Rule rule, int stabilized,
            PolicyMemory memory) {
        int current = in.desiredReplicas();
        int target = stabilized;
        ScalingReason reason;
        String note = "";
        if (target > current && rule.prewarm()) {
            reason = ScalingReason.PREWARM;
            note = "; rule pre-warm: a burst every " + Explain.duration(Prewarm.period(memory, cfg.tuning()))
                    + " is due, pods start one start-up (" + Explain.duration(rule.breakEven()) + ") ahead";
        } else if (target > current) {
            reason = current == 0 ? ScalingReason.SCALE_FROM_ZERO : ScalingReason.SCALE_UP;
            note = rule.demand().flowSlots() > 0 ? "; rule arrival rate: the flow needs "
                    + Math.round(rule.demand().flowSlots()) + " slots while a queue exists" : "; rule demand: busy slots + backlog at the target utilization";
        } else if (target < current) {
            reason = target == 0 ? ScalingReason.SCALE_TO_ZERO : ScalingReason.SCALE_DOWN;
            note = target == 0 ? "; rule last pod: idle " + Explain.duration(rule.idleMillis()) + " ≥ "
                    + Explain.duration(rule.lastPodHold())
                    : "; rule break-even: less was needed for " + Explain.duration(rule.hold());
        } else if (rule.demand().idle() && rule.raw() == 1 && current >= 1) {
            reason = ScalingReason.WAITING_FOR_IDLE;
            note = "; rule last pod: idle " + Explain.duration(rule.idleMillis()) + " of "
                    + Explain.duration(rule.lastPodHold()) + " (" + cfg.tuning().lastPodGaps() + " gaps between tasks, at least"
                    + " the break-even " + Explain.duration(rule.breakEven()) + ", at most idleBeforeZero)";
        } else if (rule.raw() < current) {
            if (!cfg.breakEvenHold()) {
                reason = ScalingReason.STABILIZING;
                note = "; needs " + rule.raw() + ", scale-down window " + Explain.duration(rule.hold()) + " holds "
                        + current;
            } else if (rule.hold() > rule.breakEven()) {
                reason = ScalingReason.ANTI_FLAP_HOLD;
                note = "; needs " + rule.raw() + ", rule anti-flap: hold " + Explain.duration(rule.hold())
                        + " (doubled after a scale-up followed a scale-down) keeps " + current;
            } else {
                reason = ScalingReason.BREAK_EVEN_HOLD;
                note = "; needs " + rule.raw() + ", rule break-even: hold " + Explain.duration(rule.hold())
                        + " (pod start-up) keeps " + current;
            }
        } else if (rule.tolerated()) {
            reason = ScalingReason.WITHIN_TOLERANCE;
            note = "; rule scale-up tolerance: the busy average asks for " + rule.demand().replicas() + ", within "
                    + Math.round(100 * cfg.tuning().scaleUpTolerance()) + " % of the capacity, and no task waited a"
                    + " poll (" + Explain.duration(cfg.pollInterval().toMillis()) + ")";
        } else {
            reason = ScalingReason.STEADY;
        }
        if (target > cfg.maxReplicas()) {
            note = "; capped at maxReplicas " + cfg.maxReplicas() + " (needs " + target + ")";
            target = cfg.maxReplicas();
            reason = ScalingReason.LIMITED_BY_MAX;
        }
        if (target < cfg.minReplicas()) {
            note = "; floor minReplicas " + cfg.minReplicas();
            target = cfg.minReplicas();
            reason = ScalingReason.LIMITED_BY_MIN;
        }
        if (target - current > cfg.scaleUpMaxStep()) {
            note = "; step limited to +" + cfg.scaleUpMaxStep() + " (needs " + target + ")";
            target = current + cfg.scaleUpMaxStep();
            reason = ScalingReason.RATE_LIMITED;
        } else if (current - target > cfg.scaleDownMaxStep()) {
            note = "; step limited to -" + cfg.scaleDownMaxStep() + " (needs " + target + ")";
            target = current - cfg.scaleDownMaxStep();
            reason = ScalingReason.RATE_LIMITED;
        }
        return new ScalingDecision(target, reason, Explain.line(in, cfg, rule.demand(), target) + note);
    }

    /** Appends the raw recommendation and drops those older than both windows. */
    private static List<Recommendation> record(List<Recommendation> old, long now, int raw, int current,
            PoolScalingSettings cfg, long hold) {
        long keep = Math.max(cfg.scaleUpStabilization().toMillis(), hold);
        List<Recommendation> out = new ArrayList<>(old.size() + 2);
        if (old.isEmpty()) {
            out.add(new Recommendation(now - 1, Math.max(current, raw))); // no memory yet: down waits a hold
        }
        for (Recommendation r : old) {
            if (r.atMillis() >= now - keep && r.atMillis() <= now) {
                out.add(r);
            }
        }
        out.add(new Recommendation(now, raw));
        return out;
    }

    /** Highest (or lowest) recommendation made at or after {@code since}. */
    private static int extreme(List<Recommendation> history, long since, boolean highest) {
        int best = highest ? Integer.MIN_VALUE : Integer.MAX_VALUE;
        for (Recommendation r : history) {
            if (r.atMillis() >= since) {
                best = highest ? Math.max(best, r.replicas()) : Math.min(best, r.replicas());
            }
        }
        return best;
    }
}
