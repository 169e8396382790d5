package io.hatchetoperator.operator.autoscaling;

import io.hatchetoperator.autoscaler.orchestrator.ScalingEvent;
import io.hatchetoperator.autoscaler.orchestrator.ScalingEventType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The one Event of one decision: what the orchestrator reported during a tick (a scale, workers paused or resumed,
 * a blocked scale-down, missing figures) folded into a single reason and message with the numbers that explain
 * it, e.g. "scale 5 → 3: ...; paused idle worker w1 (pod p1) to remove it; paused idle worker w2 (pod p2) to
 * remove it".
 *
 * @param reason the Event reason of the most telling part (Scaled before ScaleDownBlocked before
 *     MetricsUnavailable before WorkerCordoned before WorkerUncordoned)
 * @param warning true for a blocked scale-down or missing figures
 * @param message the most telling part's message, then the others without the repeated explanation
 */
public record DecisionEvent(String reason, boolean warning, String message) {

  private static final List<ScalingEventType> ORDER = List.of(ScalingEventType.SCALED,
      ScalingEventType.SCALE_DOWN_BLOCKED, ScalingEventType.METRICS_UNAVAILABLE, ScalingEventType.WORKER_CORDONED,
      ScalingEventType.WORKER_UNCORDONED);

  /** Folds one tick's {@code events}; {@code explanation} is the decision's, repeated at the end of each. */
  public static Optional<DecisionEvent> of(List<ScalingEvent> events, String explanation) {
    if (events.isEmpty()) {
      return Optional.empty();
    }
    List<ScalingEvent> sorted = new ArrayList<>(events);
    sorted.sort(Comparator.comparingInt(e -> ORDER.indexOf(e.type())));
    ScalingEvent head = sorted.get(0);
    StringBuilder message = new StringBuilder(head.message());
    for (ScalingEvent e : sorted.subList(1, sorted.size())) {
      message.append("; ").append(withoutExplanation(e.message(), explanation));
    }
    boolean warning = head.type() == ScalingEventType.SCALE_DOWN_BLOCKED
        || head.type() == ScalingEventType.METRICS_UNAVAILABLE;
    return Optional.of(new DecisionEvent(reason(head.type()), warning, message.toString()));
  }

  /** The Event reason of an orchestrator event type, e.g. SCALE_DOWN_BLOCKED → ScaleDownBlocked. */
  static String reason(ScalingEventType type) {
    StringBuilder out = new StringBuilder();
    for (String part : type.name().split("_")) {
      out.append(part.charAt(0)).append(part.substring(1).toLowerCase(Locale.ROOT));
    }
    return out.toString();
  }

  private static String withoutExplanation(String message, String explanation) {
    String suffix = ": " + explanation;
    if (explanation != null && !explanation.isEmpty() && message.endsWith(suffix)) {
      return message.substring(0, message.length() - suffix.length());
    }
    String tail = "; " + explanation;
    return explanation != null && !explanation.isEmpty() && message.endsWith(tail)
        ? message.substring(0, message.length() - tail.length()) : message;
  }
}
