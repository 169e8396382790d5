package io.hatchetoperator.operator.autoscaling;

import io.hatchetoperator.autoscaler.PoolScalingSettings;
import io.hatchetoperator.autoscaler.ScalingInputs;
import io.hatchetoperator.operator.api.HatchetWorkerPool;
import io.hatchetoperator.operator.autoscaling.AutoscalingOutcome.ConditionValue;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tells the user about ready pods whose worker cannot be matched: the {@code WorkersMatched} condition and one
 * Warning Event {@code PresetLabelsMissing} when it turns False (not one per tick, and not again after an
 * operator restart when the pool already shows it). A pod counts once it has stayed unmatched for
 * {@link #reportAfter}: a worker that just registered may be missing from the last poll of the engine, and the
 * scale-down holds for such pods anyway.
 */
final class UnmatchedWorkersNotice {

  /** Polls a pod may stay unmatched before it is reported. */
  static final int REPORT_AFTER_POLLS = 3;
  /** Shortest time a pod may stay unmatched before it is reported. */
  static final Duration REPORT_AFTER_AT_LEAST = Duration.ofSeconds(10);

  private final KubernetesEventSink events;
  private final Map<String, Map<String, Instant>> since = new ConcurrentHashMap<>();
  private final Set<String> announced = ConcurrentHashMap.newKeySet();

  UnmatchedWorkersNotice(KubernetesEventSink events) {
    this.events = events;
  }

  /**
   * The condition to show for {@code pool} after a poll read {@code in}, or null to leave it as it is (only pods
   * unmatched for less than {@link #reportAfter}); emits the Warning Event when it turns False.
   */
  ConditionValue check(String key, HatchetWorkerPool pool, ScalingInputs in, PoolScalingSettings settings,
      String sdkFix) {
    Instant now = in.now();
    Map<String, Instant> previous = since.getOrDefault(key, Map.of());
    Map<String, Instant> current = new HashMap<>();
    in.unmatchedReadyPods().forEach(pod -> current.put(pod, previous.getOrDefault(pod, now)));
    since.put(key, current);
    Instant cutoff = now.minus(reportAfter(settings));
    List<String> reported = in.unmatchedReadyPods().stream()
        .filter(pod -> !current.get(pod).isAfter(cutoff)).toList();
    if (in.unmatchedReadyPods().isEmpty()) {
      announced.remove(key);
    } else if (reported.isEmpty()) {
      return null;
    }
    ConditionValue value = WorkerMatching.condition(reported, in.readyReplicas(),
        settings.unmatchedWorkers(), sdkFix);
    if (!reported.isEmpty() && announced.add(key) && !shownAlready(pool)) {
      events.emit(key, WorkerMatching.PRESET_LABELS_MISSING, true, value.message(), now);
    }
    return value;
  }

  /** How long a pod may stay unmatched before it is reported. */
  static Duration reportAfter(PoolScalingSettings settings) {
    Duration polls = settings.pollInterval().multipliedBy(REPORT_AFTER_POLLS);
    return polls.compareTo(REPORT_AFTER_AT_LEAST) > 0 ? polls : REPORT_AFTER_AT_LEAST;
  }

  void forget(String key) {
    since.remove(key);
    announced.remove(key);
  }

  private static boolean shownAlready(HatchetWorkerPool pool) {
    return pool.getStatus() != null && pool.getStatus().getConditions() != null
        && pool.getStatus().getConditions().stream().anyMatch(c ->
            WorkerMatching.WORKERS_MATCHED.equals(c.getType()) && "False".equals(c.getStatus()));
  }
}
