package io.hatchetoperator.operator.autoscaling;

import io.hatchetoperator.autoscaler.PoolScalingSettings;
import io.hatchetoperator.autoscaler.ScalingInputs;
import io.hatchetoperator.operator.autoscaling.AutoscalingOutcome.ConditionValue;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code WorkersMatched} condition of a pool over time. A pod counts once it has stayed unmatched for
 * {@link #reportAfter}: a worker that just registered may be missing from the last poll of the engine (the
 * scale-down holds for such pods anyway, whether reported or not).
 */
final class UnmatchedWorkersNotice {

  /** Polls a pod may stay unmatched before it is reported. */
  static final int REPORT_AFTER_POLLS = 3;
  /** Shortest time a pod may stay unmatched before it is reported. */
  static final Duration REPORT_AFTER_AT_LEAST = Duration.ofSeconds(10);

  private final Map<String, Map<String, Instant>> since = new ConcurrentHashMap<>();

  /**
   * The condition to show after a poll read {@code in}, or null to leave it as it is (only pods unmatched for
   * less than {@link #reportAfter}).
   */
  ConditionValue check(String key, ScalingInputs in, PoolScalingSettings settings, String sdkFix) {
    Instant now = in.now();
    Map<String, Instant> previous = since.getOrDefault(key, Map.of());
    Map<String, Instant> current = new HashMap<>();
    in.unmatchedReadyPods().forEach(pod -> current.put(pod, previous.getOrDefault(pod, now)));
    since.put(key, current);
    Instant cutoff = now.minus(reportAfter(settings));
    List<String> reported = in.unmatchedReadyPods().stream()
        .filter(pod -> !current.get(pod).isAfter(cutoff)).toList();
    if (!in.unmatchedReadyPods().isEmpty() && reported.isEmpty()) {
      return null;
    }
    return WorkerMatching.condition(reported, in.readyReplicas(), settings.unmatchedWorkers(), sdkFix);
  }

  /** How long a pod may stay unmatched before it is reported. */
  static Duration reportAfter(PoolScalingSettings settings) {
    Duration polls = settings.pollInterval().multipliedBy(REPORT_AFTER_POLLS);
    return polls.compareTo(REPORT_AFTER_AT_LEAST) > 0 ? polls : REPORT_AFTER_AT_LEAST;
  }

  void forget(String key) {
    since.remove(key);
  }
}
