package io.hatchetoperator.engine.rest;

import io.hatchetoperator.engine.core.TaskStat;
import io.hatchetoperator.engine.core.WorkerView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Maps engine views to the JSON shapes of Hatchet's OpenAPI (Worker, WorkerList, TaskStats, Tenant). */
final class RestJson {

  private RestJson() {}

  static Map<String, Object> tenant(String tenantId, long createdAtMillis) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("metadata", metadata(tenantId, createdAtMillis, createdAtMillis));
    m.put("name", "dev-engine");
    m.put("slug", "dev-engine");
    m.put("analyticsOptOut", true);
    m.put("alertMemberEmails", false);
    m.put("version", "V1");
    return m;
  }

  static Map<String, Object> worker(WorkerView w) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("metadata", metadata(w.id(), w.createdAtMillis(), Math.max(w.lastHeartbeatMillis(), w.createdAtMillis())));
    m.put("name", w.name());
    m.put("type", "SELFHOSTED");
    m.put("lastHeartbeatAt", time(w.lastHeartbeatMillis()));
    if (w.lastListenerMillis() > 0) {
      m.put("lastListenerEstablished", time(w.lastListenerMillis()));
    }
    m.put("actions", w.actions());
    List<Map<String, Object>> slots = new ArrayList<>();
    for (WorkerView.Slot s : w.slots()) {
      Map<String, Object> slot = new LinkedHashMap<>();
      slot.put("stepRunId", s.taskId());
      slot.put("actionId", s.actionId());
      slot.put("startedAt", time(s.startedAtMillis()));
      slot.put("timeoutAt", time(s.timeoutAtMillis()));
      slot.put("workflowRunId", s.runId());
      slot.put("status", "RUNNING");
      slots.add(slot);
    }
    m.put("slots", slots);
    m.put("recentStepRuns", List.of());
    m.put("status", w.status());
    Map<String, Object> slotConfig = new LinkedHashMap<>();
    w.slotLimits().forEach((type, limit) -> slotConfig.put(type,
        Map.of("available", Math.max(0, limit - w.slotsUsed().getOrDefault(type, 0)), "limit", limit)));
    m.put("slotConfig", slotConfig);
    m.put("dispatcherId", "00000000-0000-4000-8000-000000000001");
    List<Map<String, Object>> labels = new ArrayList<>();
    w.labels().forEach((k, v) -> labels.add(Map.of("metadata", metadata(w.id() + "/" + k, w.createdAtMillis(),
        w.createdAtMillis()), "key", k, "value", v)));
    m.put("labels", labels);
    m.put("runtimeInfo", Map.of("language", "GO".equals(w.sdk()) ? "GOLANG" : w.sdk()));
    return m;
  }

  /** Hatchet's offset/limit paging: pages are 1-based and next_page stays on the last page. */
  static Map<String, Object> workerList(List<WorkerView> all, int offset, int limit) {
    List<Object> rows = new ArrayList<>();
    for (int i = offset; i < Math.min(all.size(), offset + limit); i++) {
      rows.add(worker(all.get(i)));
    }
    long numPages = Math.max(1, (all.size() + limit - 1) / limit);
    long current = 1 + offset / limit;
    Map<String, Object> pagination = new LinkedHashMap<>();
    pagination.put("current_page", current);
    pagination.put("next_page", current >= numPages ? current : current + 1);
    pagination.put("num_pages", numPages);
    return Map.of("pagination", pagination, "rows", rows);
  }

  /**
   * Hatchet's {@code WorkflowList}: id, name and tenant of each workflow ({@code tenantId} is required by its
   * OpenAPI schema, {@code components/schemas/workflow.yaml}, and by the Python SDK's model), offset/limit paging as
   * for workers.
   */
  static Map<String, Object> workflowList(String tenantId, List<io.hatchetoperator.engine.core.WorkflowDef> all,
      int offset, int limit, long createdAtMillis) {
    List<Object> rows = new ArrayList<>();
    for (int i = offset; i < Math.min(all.size(), offset + limit); i++) {
      io.hatchetoperator.engine.core.WorkflowDef w = all.get(i);
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("metadata", metadata(w.id(), createdAtMillis, createdAtMillis));
      row.put("name", w.name());
      row.put("isPaused", false);
      row.put("tenantId", tenantId);
      rows.add(row);
    }
    long numPages = Math.max(1, (all.size() + limit - 1) / limit);
    long current = 1 + offset / limit;
    Map<String, Object> pagination = new LinkedHashMap<>();
    pagination.put("current_page", current);
    pagination.put("next_page", current >= numPages ? current : current + 1);
    pagination.put("num_pages", numPages);
    return Map.of("pagination", pagination, "rows", rows);
  }

  static Map<String, Object> taskStats(Map<String, TaskStat> stats) {
    Map<String, Object> out = new LinkedHashMap<>();
    stats.forEach((name, s) -> out.put(name, Map.of(
        "queued", stat(s.queued(), s.oldestQueuedMillis(), s.queuedConcurrency()),
        "running", stat(s.running(), s.oldestRunningMillis(), s.runningConcurrency()))));
    return out;
  }

  private static Map<String, Object> stat(long total, long oldestMillis, List<TaskStat.ConcurrencyStat> concurrency) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("total", total);
    if (oldestMillis > 0) {
      m.put("oldest", time(oldestMillis));
    }
    if (!concurrency.isEmpty()) {
      m.put("concurrency", concurrency.stream().map(c -> Map.of("expression", c.expression(), "type", c.type(),
          "keys", c.keys())).toList());
    }
    return m;
  }

  static Map<String, Object> error(int code, String description) {
    return Map.of("errors", List.of(Map.of("code", code, "description", description)));
  }

  private static Map<String, Object> metadata(String id, long created, long updated) {
    return Map.of("id", id, "createdAt", time(created), "updatedAt", time(updated));
  }

  static String time(long millis) {
    return Instant.ofEpochMilli(millis).toString();
  }
}
