package io.hatchetoperator.operator.autoscaling;

import io.hatchetoperator.autoscaler.UnmatchedWorkers;
import io.hatchetoperator.operator.autoscaling.AutoscalingOutcome.ConditionValue;
import java.util.List;

/**
 * Pure: the {@code WorkersMatched} condition of a pool, from its ready pods whose worker the operator cannot
 * match (the worker reports neither the preset pod label nor {@code hatchet-autoscaling-target}), with the fix
 * for the pool's SDK.
 */
final class WorkerMatching {

  /** Condition type. */
  static final String WORKERS_MATCHED = "WorkersMatched";
  /** Reason (and Warning Event reason) when a ready pod's worker cannot be matched. */
  static final String PRESET_LABELS_MISSING = "PresetLabelsMissing";
  /** How many pod names a message lists. */
  private static final int NAMED = 10;

  private WorkerMatching() {}

  /**
   * The condition for {@code unmatched} ready pods of {@code readyPods}.
   *
   * @param sdkFix how the pool's SDK reports its pod, from {@link #fix}
   */
  static ConditionValue condition(List<String> unmatched, int readyPods, UnmatchedWorkers mode,
      String sdkFix) {
    if (unmatched.isEmpty()) {
      return ConditionValue.yes("AllMatched", "every ready pod (" + readyPods
          + ") runs a worker the operator matched to it");
    }
    String names = String.join(", ", unmatched.subList(0, Math.min(NAMED, unmatched.size())))
        + (unmatched.size() > NAMED ? " and " + (unmatched.size() - NAMED) + " more" : "");
    String effect = mode == UnmatchedWorkers.TERMINATE
        ? "they are removed one per scale-down stabilization window when nothing else can go"
            + " (spec.autoscaling.scaleDown.unmatchedWorkers: Terminate), relying on the SDK's"
            + " SIGTERM drain"
        : "scale-down and scale-to-zero are held while they run (they may be busy with work the"
            + " operator cannot see; spec.autoscaling.scaleDown.unmatchedWorkers: Hold)";
    return ConditionValue.no(PRESET_LABELS_MISSING, unmatched.size() + " of " + readyPods
        + " ready pods run no worker the operator can match to them: " + names + "; " + effect
        + ". Fix: " + sdkFix);
  }

  /** How a worker of {@code runtime} reports its pod; for null or an unknown runtime, the fix for each SDK in turn. */
  static String fix(String runtime) {
    String java = "Java worker runtime: it reads HATCHET_CLIENT_WORKER_PRESET_LABELS; do not replace"
        + " that variable";
    String python = "Python (hatchet-sdk): it reads HATCHET_CLIENT_WORKER_PRESET_LABELS; do not"
        + " replace that variable";
    String typescript = "TypeScript: pass labels: JSON.parse(process.env."
        + "HATCHET_CLIENT_WORKER_PRESET_LABELS ?? '{}') to hatchet.worker(name, {labels})";
    String go = "Go: the SDK turns HATCHET_CLIENT_AUTOSCALING_TARGET (set by the operator to the pod"
        + " name) into the label hatchet-autoscaling-target; do not replace that variable";
    return switch (runtime == null ? "" : runtime) {
      case "java" -> java;
      case "python" -> python;
      case "typescript" -> typescript;
      case "go" -> go;
      default -> typescript + "; " + go + "; " + python + "; " + java;
    };
  }
}
