package io.hatchetoperator.operator.autoscaling;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.hatchetoperator.autoscaler.ScalingInputs;
import io.hatchetoperator.operator.api.HatchetWorkerPoolStatus;
import io.hatchetoperator.operator.api.LastDecision;
import io.hatchetoperator.operator.autoscaling.AutoscalingOutcome.ConditionValue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Pure: writes an {@link AutoscalingOutcome} into the pool's status: desiredReplicas, queued, running,
 * slotUtilization, busySlots, oldestQueuedAge, lastPollTime, lastScaleTime, lastDecision and the conditions
 * {@code MetricsAvailable}, {@code ScalingLimited}, {@code WorkersMatched} and {@code SlotsMatched}
 * (keeping a condition's transition time while its status stays the same).
 */
public final class PoolStatusFields {

  /** Condition type: the engine's figures were read at the last poll. */
  public static final String METRICS_AVAILABLE = "MetricsAvailable";
  /** Condition type: a bound, a rate limit, a pause or busy workers hold the count back. */
  public static final String SCALING_LIMITED = "ScalingLimited";
  /** Condition type: every ready pod runs a worker matched to it (else scale-down is held). */
  public static final String WORKERS_MATCHED = WorkerMatching.WORKERS_MATCHED;
  /** Condition type: the workers register spec.slots slots each (else capacity follows what they report). */
  public static final String SLOTS_MATCHED = SlotReport.SLOTS_MATCHED;

  private PoolStatusFields() {}

  /** Applies {@code outcome} to {@code status}, as of {@code now}, for {@code generation}. */
  public static void apply(HatchetWorkerPoolStatus status, AutoscalingOutcome outcome,
      Instant now, Long generation) {
    status.setDesiredReplicas(outcome.desiredReplicas());
    ScalingInputs in = outcome.inputs();
    if (in != null) {
      double share = busyShare(in);
      status.setQueued((long) in.queued());
      status.setRunning((long) in.running());
      status.setSlotUtilization(Math.round(share * 1000) / 1000.0);
      status.setBusySlots(Math.round(share * 100) + "%");
      status.setOldestQueuedAge(seconds(in.oldestQueuedAge()));
      status.setLastPollTime(in.now().toString());
    }
    if (outcome.lastScaleTime() != null) {
      status.setLastScaleTime(outcome.lastScaleTime().toString());
    }
    if (outcome.decision() != null) {
      status.setLastDecision(new LastDecision(outcome.decision().replicas(),
          outcome.decision().reason().name(), outcome.decision().explanation()));
    }
    List<Condition> conditions = distinctTypes(status.getConditions());
    upsert(conditions, METRICS_AVAILABLE, outcome.metrics(), now, generation);
    upsert(conditions, SCALING_LIMITED, outcome.limit(), now, generation);
    outcome.workerConditions().forEach((type, value) ->
        upsert(conditions, type, value, now, generation));
    status.setConditions(conditions);
  }

  /**
   * Removes what only autoscaling writes (queued, running, slotUtilization, busySlots, oldestQueuedAge,
   * lastPollTime, lastDecision and the conditions MetricsAvailable and ScalingLimited), so a pool that left autoscaling shows
   * no stale figures; desiredReplicas and lastScaleTime stay (they describe manual pools too).
   */
  public static void clear(HatchetWorkerPoolStatus status) {
    status.setQueued(null);
    status.setRunning(null);
    status.setSlotUtilization(null);
    status.setBusySlots(null);
    status.setOldestQueuedAge(null);
    status.setLastPollTime(null);
    status.setLastDecision(null);
    if (status.getConditions() != null) {
      List<Condition> kept = new ArrayList<>(status.getConditions());
      kept.removeIf(c -> METRICS_AVAILABLE.equals(c.getType()) || SCALING_LIMITED.equals(c.getType()));
      status.setConditions(kept);
    }
  }

  /**
   * The conditions with one entry per type (the first): a status patched from a stale copy can come back with a
   * type twice (seen in the sandbox), and publishing this list repairs it.
   */
  static List<Condition> distinctTypes(List<Condition> conditions) {
    List<Condition> out = new ArrayList<>();
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (Condition c : conditions == null ? List.<Condition>of() : conditions) {
      if (c.getType() == null || seen.add(c.getType())) {
        out.add(c);
      }
    }
    return out;
  }

  /** Busy share of the ready slots, in [0, 1]; 1 when work runs but no slot is ready. */
  public static double busyShare(ScalingInputs in) {
    int capacity = in.readyCapacity();
    if (capacity == 0) {
      return in.busySlots() > 0 ? 1.0 : 0.0;
    }
    return Math.min(1.0, in.busySlots() / (double) capacity);
  }

  private static void upsert(List<Condition> conditions, String type, ConditionValue value,
      Instant now, Long generation) {
    Condition previous = conditions.stream().filter(c -> type.equals(c.getType())).findFirst()
        .orElse(null);
    if (previous != null && value.onlyIfAbsent()) {
      return;
    }
    String since = previous != null && value.status().equals(previous.getStatus())
        && previous.getLastTransitionTime() != null ? previous.getLastTransitionTime()
        : now.toString();
    Condition next = new ConditionBuilder().withType(type).withStatus(value.status())
        .withReason(value.reason()).withMessage(value.message()).withLastTransitionTime(since)
        .withObservedGeneration(generation).build();
    if (previous == null) {
      conditions.add(next);
    } else {
      conditions.set(conditions.indexOf(previous), next); // in place: an unchanged status stays equal
    }
  }

  private static String seconds(Duration d) {
    return d.toSeconds() + "s";
  }
}
