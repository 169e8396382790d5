package io.hatchetoperator.operator.autoscaling;

import io.hatchetoperator.autoscaler.ScalingInputs;
import io.hatchetoperator.autoscaler.WorkerSnapshot;
import io.hatchetoperator.operator.engine.EngineWorker;
import io.hatchetoperator.operator.engine.TaskStats;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pure: turns a tenant's poll and a pool's Kubernetes view into the pool's {@link ScalingInputs}.
 *
 * <p>A worker belongs to the pool when its preset label {@code hatchet-operator.io/pool} is the pool's
 * and its {@code hatchet-operator.io/pod} label names a live pod of the pool (so workers of deleted pods,
 * which the engine lists for 24 h, never count), or when its label {@code hatchet-autoscaling-target}
 * names a live pod of the pool (the Go SDK turns {@code HATCHET_CLIENT_AUTOSCALING_TARGET} into that label:
 * hatchet-dev/hatchet, pkg/client/loader/loader.go). Inactive workers are ignored; of two workers on one
 * pod (a restarted container) the busier one counts. A worker that reports no slot figures counts as busy.
 * Ready pods left with no matched worker are reported as {@link ScalingInputs#unmatchedReadyPods()}.
 * Capacity per worker is the smallest slot count the matched workers registered (what the engine really
 * assigns), {@code spec.slots} only when none reported one. The completion counter is the poll's count
 * for the pool ({@link CompletionCounter}); the pod start-up is its youngest matched pod's creation → its
 * worker's registration.
 */
public final class PoolInputsMapper {

  /** The preset label carrying the pool's name. */
  public static final String POOL_LABEL = "hatchet-operator.io/pool";
  /** The preset label carrying the pod's name. */
  public static final String POD_LABEL = "hatchet-operator.io/pod";
  /** The label the Go SDK gives its workers from {@code HATCHET_CLIENT_AUTOSCALING_TARGET}. */
  public static final String AUTOSCALING_TARGET_LABEL = "hatchet-autoscaling-target";

  private PoolInputsMapper() {}

  /** The inputs of {@code view}'s pool from {@code snapshot}, which must be a successful poll. */
  public static ScalingInputs map(PoolView view, TenantSnapshot snapshot) {
    Instant now = snapshot.polledAt();
    long queued = 0;
    long running = 0;
    Instant oldest = null;
    for (String task : view.tasks()) {
      TaskStats stats = snapshot.stats().getOrDefault(task, TaskStats.empty(task));
      queued += stats.queued();
      running += stats.running();
      if (stats.oldestQueued().isPresent()
          && (oldest == null || stats.oldestQueued().get().isBefore(oldest))) {
        oldest = stats.oldestQueued().get();
      }
    }
    Duration age = oldest == null || queued == 0 ? Duration.ZERO : Duration.between(oldest, now);
    Map<String, WorkerSnapshot> byPod = new LinkedHashMap<>();
    Instant youngest = null;
    long startup = ScalingInputs.UNKNOWN_STARTUP;
    int reportedSlots = Integer.MAX_VALUE;
    for (EngineWorker worker : snapshot.workers()) {
      String pod = podOf(worker, view);
      if (worker.status() == EngineWorker.Status.INACTIVE || pod == null) {
        continue;
      }
      if (worker.slotsReported() && worker.slotLimit() > 0) {
        reportedSlots = Math.min(reportedSlots, worker.slotLimit());
      }
      WorkerSnapshot candidate = snapshotOf(worker, pod, view.slotsPerWorker());
      byPod.merge(pod, candidate, (a, b) -> b.busySlots() > a.busySlots() ? b : a);
      Instant created = view.podCreated().get(pod);
      if (created != null && worker.registeredAt() != null
          && !worker.registeredAt().isBefore(created)
          && (youngest == null || created.isAfter(youngest))) {
        youngest = created;
        startup = Duration.between(created, worker.registeredAt()).toMillis();
      }
    }
    int slotsPerWorker = reportedSlots == Integer.MAX_VALUE ? view.slotsPerWorker() : reportedSlots;
    List<String> readyPods = view.readyPods().stream().filter(view.livePods()::contains).sorted()
        .toList();
    List<String> unmatched = readyPods.stream().filter(p -> !byPod.containsKey(p)).toList();
    int ready = readyPods.size();
    int current = view.currentReplicas();
    return new ScalingInputs(clamp(queued), clamp(running), age, slotsPerWorker, ready,
        Math.max(0, current - ready), current, new ArrayList<>(byPod.values()),
        snapshot.completedTotal(view.pool()), startup, now, unmatched);
  }

  /** The live pod of the pool that {@code worker} runs on, or null when it cannot be matched. */
  static String podOf(EngineWorker worker, PoolView view) {
    String pod = worker.label(POD_LABEL);
    if (pod != null && view.poolLabel().equals(worker.label(POOL_LABEL))
        && view.livePods().contains(pod)) {
      return pod;
    }
    String target = worker.label(AUTOSCALING_TARGET_LABEL);
    return target != null && view.livePods().contains(target) ? target : null;
  }

  private static WorkerSnapshot snapshotOf(EngineWorker worker, String pod, int slotsPerWorker) {
    int limit = worker.slotsReported() ? worker.slotLimit() : slotsPerWorker;
    int busy = worker.slotsReported() ? worker.busySlots() : Math.max(1, limit);
    return new WorkerSnapshot(worker.id(), pod, busy, limit,
        worker.status() == EngineWorker.Status.PAUSED, true);
  }

  private static int clamp(long value) {
    return (int) Math.min(Integer.MAX_VALUE, value);
  }
}
