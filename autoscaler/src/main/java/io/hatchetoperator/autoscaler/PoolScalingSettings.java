package io.hatchetoperator.autoscaler;

import java.time.Duration;
import java.util.Objects;

/**
 * How one pool scales: bounds, targets, holds and limits. The defaults live here and nowhere else; each is derived
 * from a measurement described in docs/benchmarks-autoscaler.md.
 *
 * @param minReplicas floor (default 0: scale to zero allowed)
 * @param maxReplicas ceiling (default 50)
 * @param targetSlotUtilization share of slots to keep busy, in (0, 1] (default 0.8)
 * @param targetQueueDelay drain a backlog within this (default 10 s)
 * @param pollInterval time between two ticks of the pool (default 2 s)
 * @param scaleUpStabilization a scale-up uses the lowest recommendation of this window (default 0: at once)
 * @param scaleDownStabilization a scale-down uses the highest recommendation of this window; null (the default) is
 *     the break-even hold: the pool's measured pod start-up, lengthened by flaps up to {@code scaleDownMaxHold}
 * @param scaleUpMaxStep most pods added by one decision (default {@link #UNLIMITED})
 * @param scaleDownMaxStep most pods removed by one decision (default {@link #UNLIMITED})
 * @param idleBeforeZero the longest the last pod is kept idle before scaling to zero (default 120 s); the cost
 *     rule keeps it for about four typical gaps between tasks, at least the break-even hold and at most this
 * @param cordonTimeout a cordoned worker whose pod outlives the scale-down this long is uncordoned (default 120 s)
 * @param paused hold the current replica count, decide nothing (default false)
 * @param unmatchedWorkers what a scale-down may do with ready pods whose worker is not matched (default
 *     {@link UnmatchedWorkers#HOLD})
 * @param podStartup the pod start-up assumed until the pool's is measured (default 10 s)
 * @param scaleDownMaxHold the anti-flap hold doubles up to this (default 300 s, the HPA's scale-down window)
 * @param prewarm start pods one start-up before a burst of a period seen three times (default true: in the benchmark
 *     it lowers the p95 wait on periodic, on/off and slow-start load and costs no pod-seconds anywhere)
 * @param tuning the policy's finer rules (tolerances, anti-flap, averaging, pre-warm detection); null: the measured
 *     defaults
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
        UnmatchedWorkers unmatchedWorkers,
        Duration podStartup,
        Duration scaleDownMaxHold,
        boolean prewarm,
        PolicyTuning tuning) {

    /** Step limit meaning "no limit". */
    public static final int UNLIMITED = Integer.MAX_VALUE;
    /** Default pod start-up until measured. */
    public static final Duration DEFAULT_POD_STARTUP = Duration.ofSeconds(10);
    /** Default cap of the anti-flap hold. */
    public static final Duration DEFAULT_MAX_HOLD = Duration.ofSeconds(300);

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
        if (scaleDownStabilization != null) {
            requireNotNegative("scaleDown.stabilization", scaleDownStabilization);
        }
        requireNotNegative("idleBeforeZero", idleBeforeZero);
        requireNotNegative("cordonTimeout", cordonTimeout);
        podStartup = podStartup == null ? DEFAULT_POD_STARTUP : podStartup;
        scaleDownMaxHold = scaleDownMaxHold == null ? DEFAULT_MAX_HOLD : scaleDownMaxHold;
        tuning = tuning == null ? PolicyTuning.defaults() : tuning;
        requireNotNegative("podStartup", podStartup);
        requireNotNegative("scaleDown.maxHold", scaleDownMaxHold);
        if (scaleUpMaxStep < 1) {
            throw invalid("scaleUp.maxStep", scaleUpMaxStep, "use 1 or more pods per decision");
        }
        if (scaleDownMaxStep < 1) {
            throw invalid("scaleDown.maxStep", scaleDownMaxStep, "use 1 or more pods per decision");
        }
    }

    /**
     * Settings that hold every ready pod whose worker is not matched ({@link UnmatchedWorkers#HOLD}), with the default
     * pod start-up, hold cap and pre-warming.
     */
    public PoolScalingSettings(int minReplicas, int maxReplicas, double targetSlotUtilization,
            Duration targetQueueDelay, Duration pollInterval, Duration scaleUpStabilization,
            Duration scaleDownStabilization, int scaleUpMaxStep, int scaleDownMaxStep, Duration idleBeforeZero,
            Duration cordonTimeout, boolean paused) {
        this(minReplicas, maxReplicas, targetSlotUtilization, targetQueueDelay, pollInterval, scaleUpStabilization,
                scaleDownStabilization, scaleUpMaxStep, scaleDownMaxStep, idleBeforeZero, cordonTimeout, paused,
                UnmatchedWorkers.HOLD);
    }

    /** Settings with the default pod start-up, hold cap and pre-warming. */
    public PoolScalingSettings(int minReplicas, int maxReplicas, double targetSlotUtilization,
            Duration targetQueueDelay, Duration pollInterval, Duration scaleUpStabilization,
            Duration scaleDownStabilization, int scaleUpMaxStep, int scaleDownMaxStep, Duration idleBeforeZero,
            Duration cordonTimeout, boolean paused, UnmatchedWorkers unmatchedWorkers) {
        this(minReplicas, maxReplicas, targetSlotUtilization, targetQueueDelay, pollInterval, scaleUpStabilization,
                scaleDownStabilization, scaleUpMaxStep, scaleDownMaxStep, idleBeforeZero, cordonTimeout, paused,
                unmatchedWorkers, DEFAULT_POD_STARTUP, DEFAULT_MAX_HOLD, true, null);
    }

    /** The documented defaults. */
    public static PoolScalingSettings defaults() {
        return new PoolScalingSettings(0, 50, 0.8, Duration.ofSeconds(10), Duration.ofSeconds(2), Duration.ZERO,
                null, UNLIMITED, UNLIMITED, Duration.ofSeconds(120), Duration.ofSeconds(120), false,
                UnmatchedWorkers.HOLD, DEFAULT_POD_STARTUP, DEFAULT_MAX_HOLD, true, null);
    }

    /** True when the scale-down hold is the break-even one (no fixed stabilization window). */
    public boolean breakEvenHold() {
        return scaleDownStabilization == null;
    }

    private static IllegalArgumentException invalid(String field, Object value, String fix) {
        return new InvalidScalingSetting(field, value, fix);
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

    private PoolScalingSettings copy(int min, int max, double util, Duration delay, Duration poll, Duration up,
            Duration down, int upStep, int downStep, Duration idle, boolean pause, Duration startup, Duration maxHold,
            boolean pre) {
        return new PoolScalingSettings(min, max, util, delay, poll, up, down, upStep, downStep, idle, cordonTimeout,
                pause, unmatchedWorkers, startup, maxHold, pre, tuning);
    }

    public PoolScalingSettings withReplicas(int min, int max) {
        return copy(min, max, targetSlotUtilization, targetQueueDelay, pollInterval, scaleUpStabilization,
                scaleDownStabilization, scaleUpMaxStep, scaleDownMaxStep, idleBeforeZero, paused, podStartup,
                scaleDownMaxHold, prewarm);
    }

    public PoolScalingSettings withTargets(double utilization, Duration queueDelay) {
        return copy(minReplicas, maxReplicas, utilization, queueDelay, pollInterval, scaleUpStabilization,
                scaleDownStabilization, scaleUpMaxStep, scaleDownMaxStep, idleBeforeZero, paused, podStartup,
                scaleDownMaxHold, prewarm);
    }

    public PoolScalingSettings withPollInterval(Duration poll) {
        return copy(minReplicas, maxReplicas, targetSlotUtilization, targetQueueDelay, poll, scaleUpStabilization,
                scaleDownStabilization, scaleUpMaxStep, scaleDownMaxStep, idleBeforeZero, paused, podStartup,
                scaleDownMaxHold, prewarm);
    }

    /** Fixed stabilization windows; a null {@code down} is the break-even hold. */
    public PoolScalingSettings withStabilization(Duration up, Duration down) {
        return copy(minReplicas, maxReplicas, targetSlotUtilization, targetQueueDelay, pollInterval, up, down,
                scaleUpMaxStep, scaleDownMaxStep, idleBeforeZero, paused, podStartup, scaleDownMaxHold, prewarm);
    }

    public PoolScalingSettings withMaxSteps(int up, int down) {
        return copy(minReplicas, maxReplicas, targetSlotUtilization, targetQueueDelay, pollInterval,
                scaleUpStabilization, scaleDownStabilization, up, down, idleBeforeZero, paused, podStartup,
                scaleDownMaxHold, prewarm);
    }

    public PoolScalingSettings withIdleBeforeZero(Duration idle) {
        return copy(minReplicas, maxReplicas, targetSlotUtilization, targetQueueDelay, pollInterval,
                scaleUpStabilization, scaleDownStabilization, scaleUpMaxStep, scaleDownMaxStep, idle, paused,
                podStartup, scaleDownMaxHold, prewarm);
    }

    public PoolScalingSettings withPaused(boolean value) {
        return copy(minReplicas, maxReplicas, targetSlotUtilization, targetQueueDelay, pollInterval,
                scaleUpStabilization, scaleDownStabilization, scaleUpMaxStep, scaleDownMaxStep, idleBeforeZero,
                value, podStartup, scaleDownMaxHold, prewarm);
    }

    /** The start-up assumed until measured, the anti-flap cap and pre-warming. */
    public PoolScalingSettings withHolds(Duration startup, Duration maxHold, boolean pre) {
        return copy(minReplicas, maxReplicas, targetSlotUtilization, targetQueueDelay, pollInterval,
                scaleUpStabilization, scaleDownStabilization, scaleUpMaxStep, scaleDownMaxStep, idleBeforeZero,
                paused, startup, maxHold, pre);
    }

    public PoolScalingSettings withUnmatchedWorkers(UnmatchedWorkers value) {
        return new PoolScalingSettings(minReplicas, maxReplicas, targetSlotUtilization, targetQueueDelay, pollInterval,
                scaleUpStabilization, scaleDownStabilization, scaleUpMaxStep, scaleDownMaxStep, idleBeforeZero,
                cordonTimeout, paused, value, podStartup, scaleDownMaxHold, prewarm, tuning);
    }

    /** The same settings with other finer rules. */
    public PoolScalingSettings withTuning(PolicyTuning value) {
        return new PoolScalingSettings(minReplicas, maxReplicas, targetSlotUtilization, targetQueueDelay, pollInterval,
                scaleUpStabilization, scaleDownStabilization, scaleUpMaxStep, scaleDownMaxStep, idleBeforeZero,
                cordonTimeout, paused, unmatchedWorkers, podStartup, scaleDownMaxHold, prewarm, value);
    }
}
