package io.hatchetoperator.operator.autoscaling;

import io.hatchetoperator.autoscaler.PoolScalingSettings;
import io.hatchetoperator.autoscaler.ScalingInputs;
import io.hatchetoperator.autoscaler.orchestrator.MetricsReading;
import io.hatchetoperator.autoscaler.orchestrator.TickResult;
import io.hatchetoperator.operator.autoscaling.AutoscalingOutcome.ConditionValue;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** Pure: builds {@link AutoscalingOutcome}s, with the conditions' reasons and messages. */
final class Outcomes {

  private static final Duration DEFAULT_RECHECK = Duration.ofSeconds(2);

  private Outcomes() {}

  /** No decision this time: keep {@code current}. */
  static AutoscalingOutcome held(int current, ConditionValue metrics, ConditionValue limit,
      PoolScalingSettings settings) {
    return new AutoscalingOutcome(current, null, null, metrics, limit, null, Optional.empty(),
        settings == null ? DEFAULT_RECHECK : settings.pollInterval(), Map.of());
  }

  /** The outcome of one orchestrator tick. */
  static AutoscalingOutcome ticked(int desired, TickResult tick, MetricsReading reading,
      TenantSnapshot snapshot, Instant scaledAt, Optional<String> state,
      PoolScalingSettings settings, Map<String, ConditionValue> workerConditions) {
    ConditionValue metrics = tick.metricsAvailable() && reading.available()
        ? ConditionValue.yes("EnginePolled", summary(reading.inputs(), snapshot))
        : snapshot.error()
            .map(f -> ConditionValue.no(f.reason(), f.message()))
            .orElse(ConditionValue.no("MetricsUnavailable", tick.decision().explanation()));
    return new AutoscalingOutcome(desired, tick.decision(),
        reading.available() ? reading.inputs() : null, metrics, limit(tick), scaledAt, state,
        settings.pollInterval(), workerConditions);
  }

  private static ConditionValue limit(TickResult tick) {
    String why = tick.decision().explanation();
    if (tick.heldForUnmatched() > 0) {
      return ConditionValue.yes("UnmatchedWorkers", tick.heldForUnmatched()
          + " fewer pods are wanted, but ready pods run workers the operator cannot match (see"
          + " condition WorkersMatched): waiting rather than removing them blindly; " + why);
    }
    if (tick.scaleDownBlocked()) {
      return ConditionValue.yes("ScaleDownBlocked",
          "fewer pods are wanted but every worker is busy: waiting rather than killing work; "
              + why);
    }
    return switch (tick.decision().reason()) {
      case LIMITED_BY_MAX -> ConditionValue.yes("AtMaxReplicas", why);
      case LIMITED_BY_MIN -> ConditionValue.yes("AtMinReplicas", why);
      case RATE_LIMITED -> ConditionValue.yes("RateLimited", why);
      case PAUSED -> ConditionValue.yes("Paused", why);
      case METRICS_UNAVAILABLE -> ConditionValue.yes("MetricsUnavailable", why);
      default -> ConditionValue.no("WithinLimits", why);
    };
  }

  /**
   * The figures of the last poll, with no poll time or latency: a message that changes on every poll would
   * make every poll a status write (the time of the last poll is in the metrics).
   */
  private static String summary(ScalingInputs in, TenantSnapshot snapshot) {
    return "the engine's figures: " + in.queued() + " queued, " + in.running() + " running, " + in.busySlots() + "/"
        + in.readyCapacity() + " slots busy on " + in.workers().size() + " workers";
  }
}
