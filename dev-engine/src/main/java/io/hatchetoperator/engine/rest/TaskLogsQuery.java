package io.hatchetoperator.engine.rest;

import io.hatchetoperator.engine.core.EngineException;
import io.hatchetoperator.engine.core.Json;
import io.hatchetoperator.engine.core.Scheduler;
import io.hatchetoperator.engine.core.TaskLogs;
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
 * {@code GET /api/v1/stable/tasks/{task}/logs} as Hatchet answers it (hatchet-dev/hatchet
 * {@code api/v1/server/handlers/v1/tasks/list_logs.go}, {@code pkg/repository/log_line.go}): limit 50 by default,
 * ascending by default, {@code since}/{@code until}, {@code search} (case-insensitive substring), {@code levels},
 * {@code order_by_direction} ASC/DESC, {@code attempt}; a {@code V1LogLineList} with zeroed pagination.
 */
final class TaskLogsQuery {

  private TaskLogsQuery() {}

  static Map<String, Object> answer(Scheduler scheduler, TaskLogs logs, String task, String rawQuery) {
    Map<String, List<String>> q = params(rawQuery);
    TaskLogs.Query query = new TaskLogs.Query(intParam(q, "limit", 50), time(q, "since"), time(q, "until"),
        one(q, "search"), levels(q), !"DESC".equals(direction(q)), q.containsKey("attempt") ? intParam(q, "attempt", 1)
        : null);
    List<TaskLogs.Line> lines = logs.list(task, query);
    if (lines.isEmpty()) {
      scheduler.readTask(task, t -> t); // NOT_FOUND for a task this engine does not know
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    for (TaskLogs.Line l : lines) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("createdAt", RestJson.time(l.createdAtMillis()));
      m.put("message", l.message());
      m.put("metadata", Json.map(l.metadataJson()));
      m.put("taskExternalId", l.taskExternalId());
      m.put("taskDisplayName", l.taskDisplayName());
      m.put("retryCount", l.retryCount());
      m.put("attempt", l.retryCount() + 1);
      m.put("level", l.level());
      rows.add(m);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("pagination", Map.of("current_page", 0, "next_page", 0, "num_pages", 0));
    out.put("rows", rows);
    return out;
  }

  /** The query's parameters, each with every value it was given (repeated parameters keep their order). */
  static Map<String, List<String>> params(String raw) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      out.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
    }
    return out;
  }

  private static String one(Map<String, List<String>> q, String k) {
    List<String> v = q.get(k);
    return v == null || v.get(0).isEmpty() ? null : v.get(0);
  }

  private static int intParam(Map<String, List<String>> q, String k, int dflt) {
    String v = one(q, k);
    if (v == null) {
      return dflt;
    }
    try {
      int n = Integer.parseInt(v.trim());
      if (n >= 1) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw EngineException.invalid(k + " = '" + v + "' is not a whole number of 1 or more");
  }

  private static Long time(Map<String, List<String>> q, String k) {
    String v = one(q, k);
    if (v == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(v.trim()).toInstant().toEpochMilli();
    } catch (DateTimeParseException e) {
      throw EngineException.invalid(k + " = '" + v + "' is not an RFC 3339 time; use e.g. 2026-01-01T00:00:00Z");
    }
  }

  private static String direction(Map<String, List<String>> q) {
    String v = one(q, "order_by_direction");
    if (v != null && !v.equals("ASC") && !v.equals("DESC")) {
      throw EngineException.invalid("order_by_direction = '" + v + "' is not ASC or DESC");
    }
    return v;
  }

  private static Set<String> levels(Map<String, List<String>> q) {
    Set<String> out = new TreeSet<>();
    for (String v : q.getOrDefault("levels", List.of())) {
      for (String level : v.split(",")) {
        if (!level.isBlank()) {
          if (!Set.of("DEBUG", "INFO", "WARN", "ERROR").contains(level.trim())) {
            throw EngineException.invalid("levels = '" + level + "' is not one of DEBUG, INFO, WARN, ERROR");
          }
          out.add(level.trim());
        }
      }
    }
    return out;
  }
}
