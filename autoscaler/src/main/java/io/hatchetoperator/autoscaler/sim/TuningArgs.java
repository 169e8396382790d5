package io.hatchetoperator.autoscaler.sim;

import io.hatchetoperator.autoscaler.PolicyTuning;
import java.time.Duration;
import java.util.Set;

/** The simulator's {@code --tuning key=value,...}: the operator's finer rules, by their CRD names. */
final class TuningArgs {

    private static final Set<String> DURATIONS = Set.of("arrivalSmoothing", "completionHorizon",
            "prewarmMinSeparation");

    private TuningArgs() {
    }

    /** The defaults with each {@code key=value} of {@code text} applied, or a message naming the key and the fix. */
    static PolicyTuning parse(PolicyTuning base, String text) throws SimArgs.BadArgument {
        PolicyTuning t = base;
        for (String pair : text.split(",")) {
            String[] kv = pair.trim().split("=", 2);
            if (kv.length != 2 || kv[1].isBlank()) {
                throw new SimArgs.BadArgument("--tuning: '" + pair + "' is not key=value; e.g. --tuning "
                        + "scaleUpTolerance=0.1,flapHolds=3");
            }
            try {
                t = with(t, kv[0].trim(), kv[1].trim());
            } catch (NumberFormatException e) {
                throw new SimArgs.BadArgument("--tuning: " + kv[0] + "='" + kv[1] + "' is not a number"
                        + " (durations: 10s, 500ms, 1m)");
            } catch (IllegalArgumentException e) {
                throw new SimArgs.BadArgument("--tuning: " + e.getMessage());
            }
        }
        return t;
    }

    private static PolicyTuning with(PolicyTuning t, String key, String v) throws SimArgs.BadArgument {
        double d = DURATIONS.contains(key) ? 0 : Double.parseDouble(v);
        return switch (key) {
            case "scaleUpTolerance" -> new PolicyTuning(d, t.scaleDownTolerance(), t.flapHolds(), t.calmHolds(),
                    t.lastPodGaps(), t.busySmoothing(), t.arrivalSmoothing(), t.gapWeight(), t.completionHorizon(),
                    t.completionEvidence(), t.prewarmSightings(), t.prewarmTolerance(), t.prewarmMinSeparation());
            case "scaleDownTolerance" -> new PolicyTuning(t.scaleUpTolerance(), d, t.flapHolds(), t.calmHolds(),
                    t.lastPodGaps(), t.busySmoothing(), t.arrivalSmoothing(), t.gapWeight(), t.completionHorizon(),
                    t.completionEvidence(), t.prewarmSightings(), t.prewarmTolerance(), t.prewarmMinSeparation());
            case "flapHolds" -> new PolicyTuning(t.scaleUpTolerance(), t.scaleDownTolerance(), (int) d, t.calmHolds(),
                    t.lastPodGaps(), t.busySmoothing(), t.arrivalSmoothing(), t.gapWeight(), t.completionHorizon(),
                    t.completionEvidence(), t.prewarmSightings(), t.prewarmTolerance(), t.prewarmMinSeparation());
            case "calmHolds" -> new PolicyTuning(t.scaleUpTolerance(), t.scaleDownTolerance(), t.flapHolds(), (int) d,
                    t.lastPodGaps(), t.busySmoothing(), t.arrivalSmoothing(), t.gapWeight(), t.completionHorizon(),
                    t.completionEvidence(), t.prewarmSightings(), t.prewarmTolerance(), t.prewarmMinSeparation());
            case "lastPodGaps" -> new PolicyTuning(t.scaleUpTolerance(), t.scaleDownTolerance(), t.flapHolds(),
                    t.calmHolds(), (int) d, t.busySmoothing(), t.arrivalSmoothing(), t.gapWeight(),
                    t.completionHorizon(), t.completionEvidence(), t.prewarmSightings(), t.prewarmTolerance(),
                    t.prewarmMinSeparation());
            case "busySmoothing" -> new PolicyTuning(t.scaleUpTolerance(), t.scaleDownTolerance(), t.flapHolds(),
                    t.calmHolds(), t.lastPodGaps(), d, t.arrivalSmoothing(), t.gapWeight(), t.completionHorizon(),
                    t.completionEvidence(), t.prewarmSightings(), t.prewarmTolerance(), t.prewarmMinSeparation());
            case "arrivalSmoothing" -> new PolicyTuning(t.scaleUpTolerance(), t.scaleDownTolerance(), t.flapHolds(),
                    t.calmHolds(), t.lastPodGaps(), t.busySmoothing(), duration(key, v), t.gapWeight(),
                    t.completionHorizon(), t.completionEvidence(), t.prewarmSightings(), t.prewarmTolerance(),
                    t.prewarmMinSeparation());
            case "gapWeight" -> new PolicyTuning(t.scaleUpTolerance(), t.scaleDownTolerance(), t.flapHolds(),
                    t.calmHolds(), t.lastPodGaps(), t.busySmoothing(), t.arrivalSmoothing(), d, t.completionHorizon(),
                    t.completionEvidence(), t.prewarmSightings(), t.prewarmTolerance(), t.prewarmMinSeparation());
            case "completionHorizon" -> new PolicyTuning(t.scaleUpTolerance(), t.scaleDownTolerance(), t.flapHolds(),
                    t.calmHolds(), t.lastPodGaps(), t.busySmoothing(), t.arrivalSmoothing(), t.gapWeight(),
                    duration(key, v), t.completionEvidence(), t.prewarmSightings(), t.prewarmTolerance(),
                    t.prewarmMinSeparation());
            case "completionEvidence" -> new PolicyTuning(t.scaleUpTolerance(), t.scaleDownTolerance(), t.flapHolds(),
                    t.calmHolds(), t.lastPodGaps(), t.busySmoothing(), t.arrivalSmoothing(), t.gapWeight(),
                    t.completionHorizon(), d, t.prewarmSightings(), t.prewarmTolerance(), t.prewarmMinSeparation());
            case "prewarmSightings" -> new PolicyTuning(t.scaleUpTolerance(), t.scaleDownTolerance(), t.flapHolds(),
                    t.calmHolds(), t.lastPodGaps(), t.busySmoothing(), t.arrivalSmoothing(), t.gapWeight(),
                    t.completionHorizon(), t.completionEvidence(), (int) d, t.prewarmTolerance(),
                    t.prewarmMinSeparation());
            case "prewarmTolerance" -> new PolicyTuning(t.scaleUpTolerance(), t.scaleDownTolerance(), t.flapHolds(),
                    t.calmHolds(), t.lastPodGaps(), t.busySmoothing(), t.arrivalSmoothing(), t.gapWeight(),
                    t.completionHorizon(), t.completionEvidence(), t.prewarmSightings(), d, t.prewarmMinSeparation());
            case "prewarmMinSeparation" -> new PolicyTuning(t.scaleUpTolerance(), t.scaleDownTolerance(),
                    t.flapHolds(), t.calmHolds(), t.lastPodGaps(), t.busySmoothing(), t.arrivalSmoothing(),
                    t.gapWeight(), t.completionHorizon(), t.completionEvidence(), t.prewarmSightings(),
                    t.prewarmTolerance(), duration(key, v));
            default -> throw new SimArgs.BadArgument("--tuning: unknown key '" + key + "'; use a field of "
                    + "spec.autoscaling.tuning, e.g. scaleUpTolerance, flapHolds, busySmoothing");
        };
    }

    private static Duration duration(String key, String v) throws SimArgs.BadArgument {
        return Duration.ofMillis(SimArgs.duration("--tuning " + key, v, 0));
    }
}
