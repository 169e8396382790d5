package io.hatchetoperator.engine.rest;

import io.hatchetoperator.engine.core.EngineException;
import io.hatchetoperator.engine.core.Scheduler;
import io.hatchetoperator.engine.core.TaskState;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code GET /api/v1/stable/tenants/{t}/task-metrics?since=…&until=…&workflow_ids=…} with Hatchet's semantics
 * (hatchet-dev/hatchet {@code api/v1/server/handlers/v1/tasks/get_metrics.go}, {@code pkg/repository/olap.go}
 * {@code ReadTaskRunMetrics}, {@code pkg/repository/sqlcv1/olap.sql} {@code GetTenantStatusMetrics}): runs (a
 * standalone task or a whole DAG) created in [since, until] of the given workflows, counted by their current status,
 * answered as {@code V1TaskRunMetrics} (CANCELLED, COMPLETED, FAILED, QUEUED, RUNNING with its detail).
 */
final class TaskMetricsQuery {

  private TaskMetricsQuery() {}

  static List<Map<String, Object>> answer(Scheduler scheduler, Map<String, String> q, String rawQuery) {
    long since = time("since", q.get("since"), true);
    long until = q.containsKey("until") ? time("until", q.get("until"), false) : Long.MAX_VALUE;
    Map<TaskState, Long> counts = scheduler.taskMetrics(since, until, workflowIds(rawQuery));
    long running = counts.getOrDefault(TaskState.RUNNING, 0L);
    List<Map<String, Object>> out = new ArrayList<>();
    out.add(row("CANCELLED", counts.getOrDefault(TaskState.CANCELLED, 0L)));
    out.add(row("COMPLETED", counts.getOrDefault(TaskState.COMPLETED, 0L)));
    out.add(row("FAILED", counts.getOrDefault(TaskState.FAILED, 0L)));
    out.add(row("QUEUED", counts.getOrDefault(TaskState.QUEUED, 0L)));
    Map<String, Object> runningRow = row("RUNNING", running);
    runningRow.put("runningDetailCount", Map.of("evicted", 0, "onWorker", running));
    out.add(runningRow);
    return out;
  }

  private static Map<String, Object> row(String status, long count) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("status", status);
    m.put("count", count);
    return m;
  }

  /** The repeated {@code workflow_ids} parameters (also comma-separated), as a set. */
  private static Set<String> workflowIds(String rawQuery) {
    Set<String> ids = new TreeSet<>();
    if (rawQuery == null) {
      return ids;
    }
    for (String pair : rawQuery.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8).equals("workflow_ids")) {
        for (String id : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8).split(",")) {
          if (!id.isBlank()) {
            ids.add(id.trim());
          }
        }
      }
    }
    return ids;
  }

  private static long time(String field, String value, boolean required) {
    if (value == null || value.isBlank()) {
      if (required) {
        throw EngineException.invalid(field + " is missing; give an RFC 3339 time, e.g. " + field
            + "=2026-01-01T00:00:00Z");
      }
      return Long.MAX_VALUE;
    }
    try {
      return OffsetDateTime.parse(value.trim()).toInstant().toEpochMilli();
    } catch (DateTimeParseException e) {
      throw EngineException.invalid(field + " = '" + value + "' is not an RFC 3339 time; use e.g. "
          + "2026-01-01T00:00:00Z");
    }
  }
}
