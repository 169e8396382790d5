package io.hatchetoperator.autoscaler;

import java.time.Duration;
import java.util.Objects;

/**
 * The policy's finer rules (spec.autoscaling.tuning), each defaulted to the value the simulator benchmark measured
 * (docs/benchmarks-autoscaler.md, "Tuning defaults"). A bad value fails with the field, the value and the fix.
 *
 * @param scaleUpTolerance with no task waiting, the busy-slot average must exceed the pool's capacity at the target
 *     utilization by this share before pods are added (the HPA's tolerance, 0.1); a waiting task adds pods at once
 * @param scaleDownTolerance a scale-down must still fit the busy-slot average grown by this share (0.1)
 * @param flapHolds a scale-up within this many holds after a scale-down is a flap and doubles the hold (3)
 * @param calmHolds a hold that saw no flap for this many holds is halved (6)
 * @param lastPodGaps the last pod is kept this many typical gaps between arrivals, within idleBeforeZero (4)
 * @param busySmoothing time constant of the busy-slot average, in pod start-ups (1.0)
 * @param arrivalSmoothing time constant of the arrival-rate average (10 s)
 * @param gapWeight weight of a new gap in the average gap between arrivals, in (0, 1] (0.25)
 * @param completionHorizon older completions fade with this time constant in the task-duration estimate (120 s)
 * @param completionEvidence fading stops below this many completions, so an idle pool keeps its estimate (5)
 * @param prewarmSightings a burst period is trusted after this many equal intervals (3)
 * @param prewarmTolerance intervals are equal within this share (0.1)
 * @param prewarmMinSeparation two bursts are at least this far apart (60 s)
 */
public record PolicyTuning(
        double scaleUpTolerance,
        double scaleDownTolerance,
        int flapHolds,
        int calmHolds,
        int lastPodGaps,
        double busySmoothing,
        Duration arrivalSmoothing,
        double gapWeight,
        Duration completionHorizon,
        double completionEvidence,
        int prewarmSightings,
        double prewarmTolerance,
        Duration prewarmMinSeparation) {

    private static final PolicyTuning DEFAULTS = new PolicyTuning(0.1, 0.1, 3, 6, 4, 1.0, Duration.ofSeconds(10),
            0.25, Duration.ofSeconds(120), 5, 3, 0.1, Duration.ofSeconds(60));

    public PolicyTuning {
        share("tuning.scaleUpTolerance", scaleUpTolerance, "use a share from 0 to below 1, e.g. 0.1");
        share("tuning.scaleDownTolerance", scaleDownTolerance, "use a share from 0 to below 1, e.g. 0.1");
        atLeast("tuning.flapHolds", flapHolds, 1, "use 1 or more holds, e.g. 3");
        atLeast("tuning.calmHolds", calmHolds, 1, "use 1 or more holds, e.g. 6");
        atLeast("tuning.lastPodGaps", lastPodGaps, 1, "use 1 or more gaps, e.g. 4");
        if (!(busySmoothing > 0 && busySmoothing <= 100)) {
            throw new InvalidScalingSetting("tuning.busySmoothing", busySmoothing,
                    "use a positive number of pod start-ups up to 100, e.g. 1.0");
        }
        positive("tuning.arrivalSmoothing", arrivalSmoothing);
        if (!(gapWeight > 0 && gapWeight <= 1)) {
            throw new InvalidScalingSetting("tuning.gapWeight", gapWeight, "use a share in (0, 1], e.g. 0.25");
        }
        positive("tuning.completionHorizon", completionHorizon);
        if (!(completionEvidence >= 0 && completionEvidence <= 1_000_000)) {
            throw new InvalidScalingSetting("tuning.completionEvidence", completionEvidence,
                    "use 0 or more completions, e.g. 5");
        }
        atLeast("tuning.prewarmSightings", prewarmSightings, 1, "use 1 or more intervals, e.g. 3");
        share("tuning.prewarmTolerance", prewarmTolerance, "use a share from 0 to below 1, e.g. 0.1");
        Objects.requireNonNull(prewarmMinSeparation, "autoscaling.tuning.prewarmMinSeparation");
        if (prewarmMinSeparation.isNegative()) {
            throw new InvalidScalingSetting("tuning.prewarmMinSeparation", prewarmMinSeparation,
                    "use 0s or a positive duration, e.g. 60s");
        }
    }

    /** The measured defaults. */
    public static PolicyTuning defaults() {
        return DEFAULTS;
    }

    /** A share in [0, 1). */
    private static void share(String field, double value, String fix) {
        if (!(value >= 0 && value < 1)) {
            throw new InvalidScalingSetting(field, value, fix);
        }
    }

    private static void atLeast(String field, int value, int min, String fix) {
        if (value < min || value > 1000) {
            throw new InvalidScalingSetting(field, value, fix + " (at most 1000)");
        }
    }

    private static void positive(String field, Duration d) {
        Objects.requireNonNull(d, "autoscaling." + field);
        if (d.isNegative() || d.isZero()) {
            throw new InvalidScalingSetting(field, d, "use a positive duration, e.g. 10s");
        }
    }
}
