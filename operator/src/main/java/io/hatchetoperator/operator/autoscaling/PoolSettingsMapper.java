package io.hatchetoperator.operator.autoscaling;

import io.hatchetoperator.autoscaler.PolicyTuning;
import io.hatchetoperator.autoscaler.PoolScalingSettings;
import io.hatchetoperator.autoscaler.UnmatchedWorkers;
import io.hatchetoperator.operator.api.AutoscalingSpec;
import io.hatchetoperator.operator.api.AutoscalingTuningSpec;
import io.hatchetoperator.operator.api.Durations;
import io.hatchetoperator.operator.api.HatchetWorkerPool;
import io.hatchetoperator.operator.api.UnmatchedWorkersPolicy;
import java.time.Duration;
import java.util.Map;

/**
 * Pure: a pool's {@code spec.autoscaling} (and its pause annotation) as the autoscaler's
 * {@link PoolScalingSettings}. Unset fields take the CRD's defaults (min 1, max 10), then the
 * autoscaler's. A bad value fails with the field, the value and the fix.
 */
public final class PoolSettingsMapper {

  /** Annotation that pauses autoscaling when set to "true". */
  public static final String PAUSE_ANNOTATION = "hatchet-operator.io/autoscaling-paused";

  private PoolSettingsMapper() {}

  /** The settings of {@code pool}, which must have {@code spec.autoscaling}. */
  public static PoolScalingSettings from(HatchetWorkerPool pool) {
    AutoscalingSpec spec = pool.getSpec().autoscaling();
    PoolScalingSettings d = PoolScalingSettings.defaults();
    Duration upWindow = spec.scaleUp() == null ? null : duration("scaleUp.stabilization",
        spec.scaleUp().stabilization());
    Duration downWindow = spec.scaleDown() == null ? null : duration("scaleDown.stabilization",
        spec.scaleDown().stabilization());
    Integer upStep = spec.scaleUp() == null ? null : spec.scaleUp().maxStep();
    Integer downStep = spec.scaleDown() == null ? null : spec.scaleDown().maxStep();
    Duration delay = duration("targetQueueDelay", spec.targetQueueDelay());
    Duration poll = duration("pollInterval", spec.pollInterval());
    Duration idle = duration("idleBeforeZero", spec.idleBeforeZero());
    Duration startup = duration("podStartup", spec.podStartup());
    Duration maxHold = spec.scaleDown() == null ? null
        : duration("scaleDown.maxHold", spec.scaleDown().maxHold());
    Duration cordonTimeout = spec.scaleDown() == null ? null
        : duration("scaleDown.cordonTimeout", spec.scaleDown().cordonTimeout());
    return new PoolScalingSettings(
        spec.effectiveMinReplicas(),
        spec.effectiveMaxReplicas(),
        spec.targetSlotUtilization() == null ? d.targetSlotUtilization()
            : spec.targetSlotUtilization(),
        delay == null ? d.targetQueueDelay() : delay,
        poll == null ? d.pollInterval() : poll,
        upWindow == null ? d.scaleUpStabilization() : upWindow,
        downWindow, // unset: the break-even hold
        upStep == null ? d.scaleUpMaxStep() : upStep,
        downStep == null ? d.scaleDownMaxStep() : downStep,
        idle == null ? d.idleBeforeZero() : idle,
        cordonTimeout == null ? d.cordonTimeout() : cordonTimeout,
        paused(pool),
        spec.scaleDown() != null
            && spec.scaleDown().effectiveUnmatchedWorkers() == UnmatchedWorkersPolicy.TERMINATE
            ? UnmatchedWorkers.TERMINATE : d.unmatchedWorkers(),
        startup == null ? d.podStartup() : startup,
        maxHold == null ? d.scaleDownMaxHold() : maxHold,
        spec.isPrewarm(),
        tuning(spec.tuning()));
  }

  /** spec.autoscaling.tuning, each unset field at the policy's measured default. */
  static PolicyTuning tuning(AutoscalingTuningSpec t) {
    PolicyTuning d = PolicyTuning.defaults();
    if (t == null) {
      return d;
    }
    Duration arrival = duration("tuning.arrivalSmoothing", t.arrivalSmoothing());
    Duration horizon = duration("tuning.completionHorizon", t.completionHorizon());
    Duration separation = duration("tuning.prewarmMinSeparation", t.prewarmMinSeparation());
    return new PolicyTuning(
        t.scaleUpTolerance() == null ? d.scaleUpTolerance() : t.scaleUpTolerance(),
        t.scaleDownTolerance() == null ? d.scaleDownTolerance() : t.scaleDownTolerance(),
        t.flapHolds() == null ? d.flapHolds() : t.flapHolds(),
        t.calmHolds() == null ? d.calmHolds() : t.calmHolds(),
        t.lastPodGaps() == null ? d.lastPodGaps() : t.lastPodGaps(),
        t.busySmoothing() == null ? d.busySmoothing() : t.busySmoothing(),
        arrival == null ? d.arrivalSmoothing() : arrival,
        t.gapWeight() == null ? d.gapWeight() : t.gapWeight(),
        horizon == null ? d.completionHorizon() : horizon,
        t.completionEvidence() == null ? d.completionEvidence() : t.completionEvidence(),
        t.prewarmSightings() == null ? d.prewarmSightings() : t.prewarmSightings(),
        t.prewarmTolerance() == null ? d.prewarmTolerance() : t.prewarmTolerance(),
        separation == null ? d.prewarmMinSeparation() : separation);
  }

  /** True when the spec or the annotation pauses autoscaling. */
  public static boolean paused(HatchetWorkerPool pool) {
    Map<String, String> annotations = pool.getMetadata().getAnnotations();
    boolean annotated = annotations != null
        && "true".equalsIgnoreCase(String.valueOf(annotations.get(PAUSE_ANNOTATION)).strip());
    return annotated || pool.getSpec().autoscaling().isPaused();
  }

  /** Parses a duration field such as {@code 90s}, {@code 1m30s} or {@code 500ms}; null when unset. */
  static Duration duration(String field, String text) {
    return Durations.parse("spec.autoscaling." + field, text, null);
  }
}
