package io.hatchetoperator.engine.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the immutable views the REST API and metrics read; called with the scheduler's lock held. */
final class Snapshots {

  private Snapshots() {}

  static WorkerView worker(WorkerState w, long now, long heartbeatMillis) {
    // as Hatchet: a worker that stopped heartbeating (or left) is INACTIVE even when paused
    // (hatchet-dev/hatchet, api/v1/server/oas/transformers/v1/worker.go, ToWorkerSqlc)
    boolean alive = w.listener != null && !w.unsubscribed
        && (w.legacyListener || now - w.lastHeartbeatMillis <= heartbeatMillis);
    String status = !alive ? "INACTIVE" : w.paused ? "PAUSED" : "ACTIVE";
    List<WorkerView.Slot> slots = new ArrayList<>();
    for (TaskRun t : w.running) {
      slots.add(new WorkerView.Slot(t.externalId, t.def.action(), t.startedAtMillis, t.timeoutAtMillis, t.run.id));
    }
    return new WorkerView(w.id, w.name, w.createdAtMillis, w.lastHeartbeatMillis, w.lastListenerMillis, w.actions, status,
        w.slotLimits, Map.copyOf(w.slotsUsed), Map.copyOf(w.labels), w.sdk, slots);
  }

  /** Queued/running per task name; {@code names} are zero-filled, null lists every name with work. */
  static Map<String, TaskStat> taskStats(TenantState s, List<String> names) {
    Map<String, long[]> oldest = new HashMap<>();
    for (TaskRun t : s.queues.queued()) {
      oldest(oldest, t.def.readableId(), 0, t.queuedAtMillis);
    }
    for (TaskRun t : s.retryWait) {
      if (t.state == TaskState.RETRY_WAIT) {
        oldest(oldest, t.def.readableId(), 0, t.queuedAtMillis);
      }
    }
    for (TaskRun t : s.running) {
      oldest(oldest, t.def.readableId(), 1, t.startedAtMillis);
    }
    Map<String, TaskStat> out = new LinkedHashMap<>();
    for (String name : names == null ? s.queues.names() : names) {
      long[] c = s.queues.counts(name);
      long[] o = oldest.getOrDefault(name, new long[2]);
      if (names != null || c[0] + c[1] > 0) {
        out.put(name, new TaskStat(name, c[0], c[1], o[0], o[1]));
      }
    }
    return out;
  }

  /**
   * task-metrics as Hatchet counts it: runs (a standalone task or a whole DAG) of the given workflows (all when
   * empty) created in [since, until], by their current status, forgotten runs included.
   */
  static Map<TaskState, Long> taskMetrics(TenantState s, long since, long until, java.util.Set<String> workflowIds) {
    Map<TaskState, Long> counts = new java.util.EnumMap<>(TaskState.class);
    for (WorkflowRun run : s.runs.values()) {
      if (run.createdAtMillis >= since && run.createdAtMillis <= until
          && (workflowIds.isEmpty() || workflowIds.contains(run.workflow.id()))) {
        counts.merge(run.status(), 1L, Long::sum);
      }
    }
    if (workflowIds.isEmpty()) {
      s.tally.countAll(since, until, counts);
    }
    for (String id : workflowIds) {
      s.tally.count(id, since, until, counts);
    }
    return counts;
  }

  private static void oldest(Map<String, long[]> m, String name, int i, long at) {
    long[] o = m.computeIfAbsent(name, k -> new long[2]);
    if (o[i] == 0 || at < o[i]) {
      o[i] = at;
    }
  }
}
