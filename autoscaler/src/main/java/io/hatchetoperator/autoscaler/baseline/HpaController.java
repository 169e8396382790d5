package io.hatchetoperator.autoscaler.baseline;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A faithful model of the Kubernetes HPA v2 controller for one target: the replica calculators for a per-pod
 * metric and an External AverageValue metric, then stabilization (highest recommendation of the scale-down
 * window, lowest of the scale-up window, which is 0) and the default rate policies. Not thread-safe.
 */
public final class HpaController {

    private record Stamped(long atMs, int value) {
    }

    private final HpaSettings settings;
    private final Deque<Stamped> recommendations = new ArrayDeque<>();
    private final Deque<Stamped> scaleEvents = new ArrayDeque<>();

    public HpaController(HpaSettings settings) {
        this.settings = settings;
    }

    public HpaSettings settings() {
        return settings;
    }

    /**
     * The calculator for a per-pod metric with an average target (e.g. busy-slot share): pods with no metric
     * yet count as 0 on scale-up and as the target on scale-down; a correction that reverses direction or lands
     * in tolerance means no change.
     */
    public int perPodProposal(int current, int readyPods, double metricSum, double target) {
        if (readyPods == 0) {
            return current; // "did not receive metrics for any ready pods": no scaling
        }
        double ratio = metricSum / readyPods / target;
        int missing = Math.max(0, current - readyPods);
        if (missing == 0) {
            return Math.abs(ratio - 1) <= settings.tolerance() ? current : (int) Math.ceil(ratio * readyPods);
        }
        double missingValue = ratio < 1 ? target * missing : 0;
        double newRatio = (metricSum + missingValue) / (readyPods + missing) / target;
        if (Math.abs(newRatio - 1) <= settings.tolerance() || (ratio > 1) != (newRatio > 1)) {
            return current;
        }
        int replicas = (int) Math.ceil(newRatio * (readyPods + missing));
        boolean reversed = (newRatio < 1 && replicas > current) || (newRatio > 1 && replicas < current);
        return reversed ? current : replicas;
    }

    /** The calculator for an External metric with an AverageValue target per replica (what KEDA feeds it). */
    public int averageValueProposal(int current, double metric, double targetPerReplica) {
        double ratio = metric / (targetPerReplica * Math.max(1, current));
        return Math.abs(ratio - 1) <= settings.tolerance() ? current : (int) Math.ceil(metric / targetPerReplica);
    }

    /** Stabilizes and rate-limits a proposal made at {@code now}; returns the replicas to set. */
    public int normalize(long now, int current, int proposal) {
        recommendations.addLast(new Stamped(now, proposal));
        while (recommendations.peekFirst().atMs() < now - settings.scaleDownWindowMs()) {
            recommendations.pollFirst();
        }
        int down = proposal;
        for (Stamped r : recommendations) {
            down = Math.max(down, r.value());
        }
        int stabilized = Math.min(Math.max(current, proposal), down); // up window is 0: upRecommendation = proposal
        int desired = stabilized;
        int start = current - addedInPeriod(now);
        if (desired > current) {
            int upLimit = Math.max((int) Math.ceil(start * (1 + settings.scaleUpPercent() / 100.0)),
                    start + settings.scaleUpPods());
            desired = Math.min(desired, upLimit);
        } else if (desired < current) {
            int downLimit = (int) Math.floor(start * (1 - settings.scaleDownPercent() / 100.0));
            desired = Math.max(desired, downLimit);
        }
        desired = Math.max(settings.minReplicas(), Math.min(settings.maxReplicas(), desired));
        if (desired != current) {
            scaleEvents.addLast(new Stamped(now, desired - current));
        }
        return desired;
    }

    private int addedInPeriod(long now) {
        while (!scaleEvents.isEmpty() && scaleEvents.peekFirst().atMs() <= now - settings.policyPeriodMs()) {
            scaleEvents.pollFirst();
        }
        int added = 0;
        for (Stamped e : scaleEvents) {
            added += e.value();
        }
        return added;
    }
}
