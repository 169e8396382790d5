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
    Map<String, Map<String, Map<String, Long>>> queuedKeys = new HashMap<>();
    Map<String, Map<String, Map<String, Long>>> runningKeys = new HashMap<>();
    for (GateSlot g : s.gate.waiting()) {
      for (TaskRun t : g.task != null ? List.of(g.task) : g.run.waitingForSlot) {
        oldest(oldest, t.def.readableId(), 0, t.queuedAtMillis);
        if (g.task != null) {
          countKey(queuedKeys, t, g);
        }
      }
    }
    for (TaskRun t : s.rateLimited) {
      if (t.state == TaskState.QUEUED) {
        oldest(oldest, t.def.readableId(), 0, t.queuedAtMillis);
      }
    }
    for (TaskRun t : s.running) {
      oldest(oldest, t.def.readableId(), 1, t.startedAtMillis);
      for (GateSlot g : t.slots) {
        if (g.group != null) {
          countKey(runningKeys, t, g);
        }
      }
    }
    Map<String, TaskStat> out = new LinkedHashMap<>();
    for (String name : names == null ? s.queues.names() : names) {
      long[] c = s.queues.counts(name);
      long[] o = oldest.getOrDefault(name, new long[2]);
      if (names != null || c[0] + c[1] > 0) {
        out.put(name, new TaskStat(name, c[0], c[1], o[0], o[1], stats(queuedKeys.get(name)),
            stats(runningKeys.get(name))));
      }
    }
    return out;
  }

  /** Counts a task under its strategy ("expression\u0000type") and key. */
  private static void countKey(Map<String, Map<String, Map<String, Long>>> into, TaskRun t, GateSlot g) {
    ConcurrencySpec spec = g.spec;
    String key = g.key;
    into.computeIfAbsent(t.def.readableId(), n -> new LinkedHashMap<>())
        .computeIfAbsent(spec.key().source() + "\u0000" + spec.strategy().name(), k -> new java.util.TreeMap<>())
        .merge(key, 1L, Long::sum);
  }

  private static List<TaskStat.ConcurrencyStat> stats(Map<String, Map<String, Long>> byStrategy) {
    if (byStrategy == null) {
      return List.of();
    }
    List<TaskStat.ConcurrencyStat> out = new java.util.ArrayList<>();
    byStrategy.forEach((k, keys) -> {
      int cut = k.indexOf('\u0000');
      out.add(new TaskStat.ConcurrencyStat(k.substring(0, cut), k.substring(cut + 1), keys));
    });
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
