package io.hatchetoperator.operator.autoscaling;

import io.hatchetoperator.autoscaler.ScalingDecision;
import io.hatchetoperator.autoscaler.ScalingInputs;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * What the autoscaling step tells the reconciler: the replica count to render, the status fields and
 * conditions to show, the state annotation to write, and when to look again.
 *
 * @param desiredReplicas the replica count for {@code status.desiredReplicas} and the Deployment
 * @param decision the last decision, or null before the first one
 * @param inputs the figures of the last successful poll, or null
 * @param metrics the {@code MetricsAvailable} condition
 * @param limit the {@code ScalingLimited} condition
 * @param lastScaleTime when the replica count last changed, or null
 * @param stateAnnotation the encoded policy state to write now, if any
 * @param recheckAfter when to reconcile again at the latest (the poll interval)
 * @param workerConditions conditions about the pool's workers by type ({@code WorkersMatched},
 *     {@code SlotsMatched}); a type left out keeps its current value (no poll yet, or nothing certain)
 */
public record AutoscalingOutcome(int desiredReplicas, ScalingDecision decision,
    ScalingInputs inputs, ConditionValue metrics, ConditionValue limit, Instant lastScaleTime,
    Optional<String> stateAnnotation, Duration recheckAfter,
    Map<String, ConditionValue> workerConditions) {

  /** Copies the worker conditions, keeping their order. */
  public AutoscalingOutcome {
    workerConditions = workerConditions == null ? Map.of()
        : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(workerConditions));
  }

  /**
   * A condition's status ("True", "False", "Unknown"), reason and message; {@code onlyIfAbsent} keeps a
   * condition the pool already has (e.g. what the previous operator process reported, until the first
   * poll of this one).
   */
  public record ConditionValue(String status, String reason, String message,
      boolean onlyIfAbsent) {
    /** True. */
    public static ConditionValue yes(String reason, String message) {
      return new ConditionValue("True", reason, message, false);
    }

    /** False. */
    public static ConditionValue no(String reason, String message) {
      return new ConditionValue("False", reason, message, false);
    }

    /** Unknown. */
    public static ConditionValue unknown(String reason, String message) {
      return new ConditionValue("Unknown", reason, message, false);
    }

    /** The same value, written only when the pool has no such condition yet. */
    public ConditionValue ifAbsent() {
      return new ConditionValue(status, reason, message, true);
    }
  }

  /** The same outcome without a state to write (a reconcile between two polls). */
  public AutoscalingOutcome withoutState() {
    return new AutoscalingOutcome(desiredReplicas, decision, inputs, metrics, limit, lastScaleTime,
        Optional.empty(), recheckAfter, workerConditions);
  }
}
