package io.hatchetoperator.autoscaler;

import java.time.Duration;
import java.util.Objects;

/**
 * How one pool scales: bounds, targets, windows and limits. The defaults live here and nowhere else.
 *
 * @param minReplicas floor (default 0: scale to zero allowed)
 * @param maxReplicas ceiling (default 50)
 * @param targetSlotUtilization share of slots to keep busy, in (0, 1] (default 0.8)
 * @param targetQueueDelay drain a backlog within this (default 10 s)
 * @param pollInterval time between two ticks of the pool (default 2 s)
 * @param scaleUpStabilization a scale-up uses the lowest recommendation of this window (default 0: at once)
 * @param scaleDownStabilization a scale-down uses the highest recommendation of this window (default 60 s)
 * @param scaleUpMaxStep most pods added by one decision (default {@link #UNLIMITED})
 * @param scaleDownMaxStep most pods removed by one decision (default {@link #UNLIMITED})
 * @param idleBeforeZero nothing queued or running for this long before scaling to zero (default 120 s)
 * @param cordonTimeout a cordoned worker whose pod outlives the scale-down this long is uncordoned (default 120 s)
 * @param paused hold the current replica count, decide nothing (default false)
 * @param unmatchedWorkers what a scale-down may do with ready pods whose worker is not matched (default
 *     {@link UnmatchedWorkers#HOLD})
 */
public record PoolScalingSettings(
        int minReplicas,
        int maxReplicas,
        double targetSlotUtilization,
        Duration targetQueueDelay,
        Duration pollInterval,
        Duration scaleUpStabilization,
        Duration scaleDownStabilization,
        int scaleUpMaxStep,
        int scaleDownMaxStep,
        Duration idleBeforeZero,
        Duration cordonTimeout,
        boolean paused,
        UnmatchedWorkers unmatchedWorkers) {

    /** Step limit meaning "no limit". */
    public static final int UNLIMITED = Integer.MAX_VALUE;

    public PoolScalingSettings {
        unmatchedWorkers = unmatchedWorkers == null ? UnmatchedWorkers.HOLD : unmatchedWorkers;
        if (minReplicas < 0) {
            throw invalid("minReplicas", minReplicas, "use 0 or more");
        }
        if (maxReplicas < Math.max(1, minReplicas)) {
            throw invalid("maxReplicas", maxReplicas, "use at least 1 and at least minReplicas (" + minReplicas + ")");
        }
        if (!(targetSlotUtilization > 0 && targetSlotUtilization <= 1)) {
            throw invalid("targetSlotUtilization", targetSlotUtilization, "use a share in (0, 1], e.g. 0.8");
        }
        requirePositive("targetQueueDelay", targetQueueDelay);
        requirePositive("pollInterval", pollInterval);
        requireNotNegative("scaleUp.stabilization", scaleUpStabilization);
        requireNotNegative("scaleDown.stabilization", scaleDownStabilization);
        requireNotNegative("idleBeforeZero", idleBeforeZero);
        requireNotNegative("cordonTimeout", cordonTimeout);
        if (scaleUpMaxStep < 1) {
            throw invalid("scaleUp.maxStep", scaleUpMaxStep, "use 1 or more pods per decision");
        }
        if (scaleDownMaxStep < 1) {
            throw invalid("scaleDown.maxStep", scaleDownMaxStep, "use 1 or more pods per decision");
        }
    }

    /** Settings that hold every ready pod whose worker is not matched ({@link UnmatchedWorkers#HOLD}). */
    public PoolScalingSettings(int minReplicas, int maxReplicas, double targetSlotUtilization,
            Duration targetQueueDelay, Duration pollInterval, Duration scaleUpStabilization,
            Duration scaleDownStabilization, int scaleUpMaxStep, int scaleDownMaxStep, Duration idleBeforeZero,
            Duration cordonTimeout, boolean paused) {
        this(minReplicas, maxReplicas, targetSlotUtilization, targetQueueDelay, pollInterval, scaleUpStabilization,
                scaleDownStabilization, scaleUpMaxStep, scaleDownMaxStep, idleBeforeZero, cordonTimeout, paused,
                UnmatchedWorkers.HOLD);
    }

    /** The documented defaults. */
    public static PoolScalingSettings defaults() {
        return new PoolScalingSettings(0, 50, 0.8, Duration.ofSeconds(10), Duration.ofSeconds(2), Duration.ZERO,
                Duration.ofSeconds(60), UNLIMITED, UNLIMITED, Duration.ofSeconds(120), Duration.ofSeconds(120), false);
    }

    private static IllegalArgumentException invalid(String field, Object value, String fix) {
        return new IllegalArgumentException("autoscaling." + field + " is " + value + "; " + fix);
    }

    private static void requirePositive(String field, Duration d) {
        Objects.requireNonNull(d, "autoscaling." + field);
        if (d.isNegative() || d.isZero()) {
            throw invalid(field, d, "use a positive duration, e.g. 10s");
        }
    }

    private static void requireNotNegative(String field, Duration d) {
        Objects.requireNonNull(d, "autoscaling." + field);
        if (d.isNegative()) {
            throw invalid(field, d, "use 0s or a positive duration");
        }
    }

    public PoolScalingSettings withReplicas(int min, int max) {
        return new PoolScalingSettings(min, max, targetSlotUtilization, targetQueueDelay, pollInterval,
                scaleUpStabilization, scaleDownStabilization, scaleUpMaxStep, scaleDownMaxStep, idleBeforeZero,
                cordonTimeout, paused, unmatchedWorkers);
    }

    public PoolScalingSettings withTargets(double utilization, Duration queueDelay) {
        return new PoolScalingSettings(minReplicas, maxReplicas, utilization, queueDelay, pollInterval,
                scaleUpStabilization, scaleDownStabilization, scaleUpMaxStep, scaleDownMaxStep, idleBeforeZero,
                cordonTimeout, paused, unmatchedWorkers);
    }

    public PoolScalingSettings withPollInterval(Duration poll) {
        return new PoolScalingSettings(minReplicas, maxReplicas, targetSlotUtilization, targetQueueDelay, poll,
                scaleUpStabilization, scaleDownStabilization, scaleUpMaxStep, scaleDownMaxStep, idleBeforeZero,
                cordonTimeout, paused, unmatchedWorkers);
    }

    public PoolScalingSettings withStabilization(Duration up, Duration down) {
        return new PoolScalingSettings(minReplicas, maxReplicas, targetSlotUtilization, targetQueueDelay, pollInterval,
                up, down, scaleUpMaxStep, scaleDownMaxStep, idleBeforeZero, cordonTimeout, paused,
                unmatchedWorkers);
    }

    public PoolScalingSettings withMaxSteps(int up, int down) {
        return new PoolScalingSettings(minReplicas, maxReplicas, targetSlotUtilization, targetQueueDelay, pollInterval,
                scaleUpStabilization, scaleDownStabilization, up, down, idleBeforeZero, cordonTimeout, paused,
                unmatchedWorkers);
    }

    public PoolScalingSettings withIdleBeforeZero(Duration idle) {
        return new PoolScalingSettings(minReplicas, maxReplicas, targetSlotUtilization, targetQueueDelay, pollInterval,
                scaleUpStabilization, scaleDownStabilization, scaleUpMaxStep, scaleDownMaxStep, idle, cordonTimeout,
                paused, unmatchedWorkers);
    }

    public PoolScalingSettings withPaused(boolean value) {
        return new PoolScalingSettings(minReplicas, maxReplicas, targetSlotUtilization, targetQueueDelay, pollInterval,
                scaleUpStabilization, scaleDownStabilization, scaleUpMaxStep, scaleDownMaxStep, idleBeforeZero,
                cordonTimeout, value, unmatchedWorkers);
    }

    public PoolScalingSettings withUnmatchedWorkers(UnmatchedWorkers value) {
        return new PoolScalingSettings(minReplicas, maxReplicas, targetSlotUtilization, targetQueueDelay, pollInterval,
                scaleUpStabilization, scaleDownStabilization, scaleUpMaxStep, scaleDownMaxStep, idleBeforeZero,
                cordonTimeout, paused, value);
    }
}
