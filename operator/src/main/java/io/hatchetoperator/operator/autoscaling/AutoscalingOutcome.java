package io.hatchetoperator.operator.autoscaling;

import io.hatchetoperator.autoscaler.ScalingDecision;
import io.hatchetoperator.autoscaler.ScalingInputs;
import java.time.Duration;
import java.time.Instant;
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
 */
public record AutoscalingOutcome(int desiredReplicas, ScalingDecision decision,
    ScalingInputs inputs, ConditionValue metrics, ConditionValue limit, Instant lastScaleTime,
    Optional<String> stateAnnotation, Duration recheckAfter) {

  /** A condition's status ("True", "False", "Unknown"), reason and message. */
  public record ConditionValue(String status, String reason, String message) {
    /** True. */
    public static ConditionValue yes(String reason, String message) {
      return new ConditionValue("True", reason, message);
    }

    /** False. */
    public static ConditionValue no(String reason, String message) {
      return new ConditionValue("False", reason, message);
    }

    /** Unknown. */
    public static ConditionValue unknown(String reason, String message) {
      return new ConditionValue("Unknown", reason, message);
    }
  }

  /** The same outcome without a state to write (a reconcile between two polls). */
  public AutoscalingOutcome withoutState() {
    return new AutoscalingOutcome(desiredReplicas, decision, inputs, metrics, limit, lastScaleTime,
        Optional.empty(), recheckAfter);
  }
}
