package io.hatchetoperator.autoscaler;

import java.util.ArrayList;
import java.util.List;

/**
 * The pure scaling policy: one step up to the capacity that runs what runs and drains the backlog within the
 * target delay; down only after the stabilization window and never below running work; to zero only after
 * idleBeforeZero. No I/O, no clock: time comes from the inputs, memory from the state passed in and out.
 */
public final class ScalingPolicy {

    /** Evaluates one tick of one pool. Thread-safe (stateless). */
    public PolicyResult decide(ScalingInputs in, PoolScalingSettings cfg, ScalingState state) {
        long now = in.now().toEpochMilli();
        int current = in.desiredReplicas();
        ScalingState observed = DemandEstimator.observe(state, in);
        if (cfg.paused()) {
            return new PolicyResult(ScalingDecision.hold(current, ScalingReason.PAUSED, "autoscaling is paused"),
                    observed);
        }
        Demand demand = DemandEstimator.demand(in, cfg, observed);
        long idleMillis = observed.idleSinceMillis() < 0 ? 0 : now - observed.idleSinceMillis();
        int raw = demand.replicas();
        boolean toZero = false;
        if (raw == 0 && current > 0) {
            toZero = idleMillis >= cfg.idleBeforeZero().toMillis();
            raw = toZero ? 0 : 1;
        }
        List<Recommendation> history = record(observed.history(), now, raw, current, cfg);
        int stabilized = current;
        if (raw > current) {
            stabilized = Math.max(current, extreme(history, now - cfg.scaleUpStabilization().toMillis(), false));
        } else if (raw < current) {
            stabilized = toZero ? 0
                    : Math.min(current, extreme(history, now - cfg.scaleDownStabilization().toMillis(), true));
        }
        ScalingState next = new ScalingState(history, observed.idleSinceMillis(), observed.busySlotSeconds(),
                observed.completions(), observed.lastCompletedTotal(), observed.lastSampleMillis(),
                observed.lastBusySlots(), observed.averageBusySlots(), observed.cordons());
        return new PolicyResult(limit(in, cfg, demand, raw, stabilized, idleMillis), next);
    }

    private static ScalingDecision limit(ScalingInputs in, PoolScalingSettings cfg, Demand demand, int raw,
            int stabilized, long idleMillis) {
        int current = in.desiredReplicas();
        int target = stabilized;
        ScalingReason reason;
        String note = "";
        if (target > current) {
            reason = current == 0 ? ScalingReason.SCALE_FROM_ZERO : ScalingReason.SCALE_UP;
        } else if (target < current) {
            reason = target == 0 ? ScalingReason.SCALE_TO_ZERO : ScalingReason.SCALE_DOWN;
            note = target == 0 ? "; idle for " + Explain.duration(idleMillis) : "";
        } else if (demand.idle() && raw == 1 && current >= 1) {
            reason = ScalingReason.WAITING_FOR_IDLE;
            note = "; idle " + Explain.duration(idleMillis) + " of " + Explain.duration(cfg.idleBeforeZero().toMillis())
                    + " before zero";
        } else if (raw < current) {
            reason = ScalingReason.STABILIZING;
            note = "; needs " + raw + ", scale-down window " + Explain.duration(cfg.scaleDownStabilization().toMillis())
                    + " holds " + current;
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
        return new ScalingDecision(target, reason, Explain.line(in, cfg, demand, target) + note);
    }

    /** Appends the raw recommendation and drops those older than both windows. */
    private static List<Recommendation> record(List<Recommendation> old, long now, int raw, int current,
            PoolScalingSettings cfg) {
        long keep = Math.max(cfg.scaleUpStabilization().toMillis(), cfg.scaleDownStabilization().toMillis());
        List<Recommendation> out = new ArrayList<>(old.size() + 2);
        if (old.isEmpty()) {
            out.add(new Recommendation(now - 1, Math.max(current, raw))); // no memory yet: down waits a window
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
