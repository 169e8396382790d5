package io.hatchetoperator.engine.rest;

import io.hatchetoperator.engine.core.ApiCrons;
import io.hatchetoperator.engine.core.ScheduledRuns;
import io.hatchetoperator.engine.core.WorkflowDef;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The list queries of scheduled runs and crons with Hatchet's parameters and defaults ({@code list_scheduled.go}:
 * limit 50, triggerAt DESC; {@code list_crons.go}: limit 50, createdAt DESC; both filter by workflowId and
 * additionalMetadata {@code key:value}; scheduled runs also by statuses and parent, crons by workflowName and
 * cronName).
 */
final class TimedLists {

  private TimedLists() {}

  static Map<String, Object> scheduled(TimedRoutes routes, Map<String, List<String>> q) {
    int offset = RestParams.intParam(q, "offset", 0, 0);
    int limit = RestParams.intParam(q, "limit", 50, 1);
    String by = RestParams.oneOf(q, "orderByField", "triggerAt", List.of("triggerAt", "createdAt"));
    boolean asc = RestParams.ascending(q, "orderByDirection", false);
    Set<String> workflowIds = Set.copyOf(RestParams.all(q, "workflowId"));
    Set<String> parents = Set.copyOf(RestParams.all(q, "parentWorkflowRunId"));
    Set<String> parentTasks = Set.copyOf(RestParams.all(q, "parentStepRunId"));
    Set<String> statuses = statuses(q);
    Map<String, String> meta = RestParams.pairs(q, "additionalMetadata");
    List<Map<String, Object>> rows = new ArrayList<>();
    List<ScheduledRuns.Entry> all = select(routes, workflowIds, parents, parentTasks, meta);
    all.sort(TimedRoutes.order(Comparator.comparingLong(by.equals("triggerAt") ? ScheduledRuns.Entry::triggerAtMillis
        : ScheduledRuns.Entry::createdAtMillis), asc));
    for (ScheduledRuns.Entry e : all) {
      Map<String, Object> row = routes.scheduledJson(e);
      if (statuses.isEmpty() || statuses.contains(String.valueOf(row.getOrDefault("workflowRunStatus", "PENDING")))) {
        rows.add(row);
      }
    }
    return TimedJson.page(rows.subList(Math.min(offset, rows.size()), Math.min(rows.size(), offset + limit)),
        rows.size(), offset, limit);
  }

  /** The scheduled runs of these workflows, parents and metadata pairs (an empty set or map: any). */
  static List<ScheduledRuns.Entry> select(TimedRoutes routes, Set<String> workflowIds, Set<String> parents,
      Set<String> parentTasks, Map<String, String> meta) {
    List<ScheduledRuns.Entry> out = new ArrayList<>();
    for (ScheduledRuns.Entry e : routes.timed().schedules()) {
      WorkflowDef def = routes.scheduler().registry().get("workflow", e.request().workflowName());
      if ((workflowIds.isEmpty() || workflowIds.contains(def.id()))
          && (parents.isEmpty() || parents.contains(e.request().parentRunId()))
          && (parentTasks.isEmpty() || parentTasks.contains(e.request().parentTaskId()))
          && RestParams.hasMetadata(e.request().metadataJson(), meta)) {
        out.add(e);
      }
    }
    return out;
  }

  static Map<String, Object> crons(TimedRoutes routes, Map<String, List<String>> q) {
    int offset = RestParams.intParam(q, "offset", 0, 0);
    int limit = RestParams.intParam(q, "limit", 50, 1);
    String by = RestParams.oneOf(q, "orderByField", "createdAt", List.of("name", "createdAt"));
    boolean asc = RestParams.ascending(q, "orderByDirection", false);
    Set<String> workflowIds = Set.copyOf(RestParams.all(q, "workflowId"));
    Set<String> workflowNames = Set.copyOf(RestParams.all(q, "workflowName"));
    Set<String> cronNames = Set.copyOf(RestParams.all(q, "cronName"));
    Map<String, String> meta = RestParams.pairs(q, "additionalMetadata");
    List<Map<String, Object>> all = new ArrayList<>(routes.declaredCrons());
    for (ApiCrons.Entry e : routes.timed().crons()) {
      all.add(routes.cronJson(e));
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Map<String, Object> row : all) {
      if ((workflowIds.isEmpty() || workflowIds.contains((String) row.get("workflowId")))
          && (workflowNames.isEmpty() || workflowNames.contains((String) row.get("workflowName")))
          && (cronNames.isEmpty() || cronNames.contains((String) row.get("name")))
          && RestParams.hasMetadata(io.hatchetoperator.engine.core.Json.MAPPER.valueToTree(
              row.get("additionalMetadata")).toString(), meta)) {
        rows.add(row);
      }
    }
    rows.sort(TimedRoutes.order(by.equals("name") ? Comparator.comparing(r -> String.valueOf(r.get("name")))
        : Comparator.comparing(r -> java.time.Instant.parse((String) ((Map<?, ?>) r.get("metadata")).get("createdAt"))),
        asc));
    return TimedJson.page(rows.subList(Math.min(offset, rows.size()), Math.min(rows.size(), offset + limit)),
        rows.size(), offset, limit);
  }

  private static Set<String> statuses(Map<String, List<String>> q) {
    List<String> allowed = List.of("PENDING", "RUNNING", "SUCCEEDED", "FAILED", "CANCELLED", "QUEUED", "BACKOFF");
    for (String s : RestParams.all(q, "statuses")) {
      if (!allowed.contains(s)) {
        throw io.hatchetoperator.engine.core.EngineException.invalid("statuses = '" + s + "' is not one of "
            + String.join(", ", allowed));
      }
    }
    return Set.copyOf(RestParams.all(q, "statuses"));
  }
}
