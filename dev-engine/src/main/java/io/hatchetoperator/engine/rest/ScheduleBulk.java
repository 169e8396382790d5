package io.hatchetoperator.engine.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.hatchetoperator.engine.core.EngineException;
import io.hatchetoperator.engine.core.Ids;
import io.hatchetoperator.engine.core.ScheduledRuns;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Bulk delete and bulk reschedule of scheduled runs, as Hatchet's {@code bulk_delete_scheduled.go} and
 * {@code bulk_update_scheduled.go}: ids or a filter (not both) for delete, {@code updates[{id, triggerAt}]} for
 * update; the answer lists what changed and, per id, why the rest did not.
 */
final class ScheduleBulk {

  private ScheduleBulk() {}

  static Map<String, Object> delete(TimedRoutes routes, JsonNode body) {
    JsonNode ids = body.get("scheduledWorkflowRunIds");
    JsonNode filter = body.get("filter");
    boolean hasIds = ids != null && ids.isArray() && !ids.isEmpty();
    boolean hasFilter = filter != null && filter.isObject();
    if (hasIds && hasFilter) {
      throw EngineException.invalid("both scheduledWorkflowRunIds and filter are set; provide either, not both");
    }
    if (!hasIds && !hasFilter) {
      throw EngineException.invalid("neither scheduledWorkflowRunIds nor filter is set; provide the ids to delete or"
          + " a filter {workflowId, parentWorkflowRunId, parentStepRunId, additionalMetadata: [\"key:value\"]}");
    }
    List<String> targets = new ArrayList<>();
    if (hasIds) {
      for (int i = 0; i < ids.size(); i++) {
        targets.add(Ids.require("scheduledWorkflowRunIds[" + i + "]", ids.get(i).asText()));
      }
    } else {
      Map<String, List<String>> meta = new LinkedHashMap<>();
      List<String> pairs = new ArrayList<>();
      filter.path("additionalMetadata").forEach(p -> pairs.add(p.asText()));
      meta.put("filter.additionalMetadata", pairs);
      for (ScheduledRuns.Entry e : TimedLists.select(routes, one(filter, "workflowId"),
          one(filter, "parentWorkflowRunId"), one(filter, "parentStepRunId"),
          RestParams.pairs(meta, "filter.additionalMetadata"))) {
        targets.add(e.id());
      }
    }
    List<String> deleted = new ArrayList<>();
    List<Map<String, Object>> errors = new ArrayList<>();
    for (String id : targets) {
      try {
        routes.timed().deleteScheduled(id);
        deleted.add(id);
      } catch (EngineException e) {
        errors.add(Map.of("id", id, "error", "Scheduled workflow not found."));
      }
    }
    return Map.of("deletedIds", deleted, "errors", errors);
  }

  static Map<String, Object> update(TimedRoutes routes, JsonNode body) {
    JsonNode updates = body.get("updates");
    if (updates == null || !updates.isArray()) {
      throw EngineException.invalid("updates = " + updates + " is not a list; send {\"updates\": [{\"id\": ...,"
          + " \"triggerAt\": \"2030-01-01T00:00:00Z\"}]}");
    }
    List<String> updated = new ArrayList<>();
    List<Map<String, Object>> errors = new ArrayList<>();
    for (int i = 0; i < updates.size(); i++) {
      JsonNode u = updates.get(i);
      String id = Ids.require("updates[" + i + "].id", u.path("id").asText(null));
      long at = RestParams.time(u, "triggerAt");
      try {
        routes.timed().reschedule(id, at);
        updated.add(id);
      } catch (EngineException e) {
        errors.add(Map.of("id", id, "error", e.kind() == EngineException.Kind.NOT_FOUND
            ? "Scheduled workflow not found." : "Scheduled run has already been triggered and cannot be rescheduled."));
      }
    }
    return Map.of("updatedIds", updated, "errors", errors);
  }

  private static Set<String> one(JsonNode filter, String field) {
    JsonNode v = filter.get(field);
    return v == null || v.isNull() ? Set.of() : Set.of(v.asText());
  }
}
