package io.hatchetoperator.engine.rest;

import io.hatchetoperator.engine.core.EngineException;
import io.hatchetoperator.engine.core.EventFilters;
import io.hatchetoperator.engine.core.Json;
import io.hatchetoperator.engine.core.WorkflowDef;
import io.hatchetoperator.engine.core.WorkflowRegistry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The crons and filters a workflow declares (its {@code cron_triggers} and {@code default_filters}), shown by the
 * REST lists as Hatchet shows them: crons with {@code method: DEFAULT} and no name (its {@code ListCronWorkflows}
 * joins the latest version's {@code WorkflowTriggerCronRef} rows), filters with {@code isDeclarative: true}. Their
 * ids are derived from the workflow version, so they are stable until the workflow is registered again.
 */
final class DeclaredTriggers {

  private DeclaredTriggers() {}

  static String cronId(WorkflowDef def, String expression) {
    return UUID.nameUUIDFromBytes((def.versionId() + "/cron/" + expression).getBytes(StandardCharsets.UTF_8))
        .toString();
  }

  static String filterId(WorkflowDef def, int index) {
    return UUID.nameUUIDFromBytes((def.versionId() + "/filter/" + index).getBytes(StandardCharsets.UTF_8))
        .toString();
  }

  /** The declared crons as {@code CronWorkflows} rows, with this engine's start as their creation time. */
  static List<Map<String, Object>> crons(String tenantId, WorkflowRegistry registry, long createdAtMillis) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (WorkflowDef def : registry.all()) {
      for (String expr : def.cronTriggers()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("metadata", TimedJson.metadata(cronId(def, expr), createdAtMillis));
        m.put("tenantId", tenantId);
        m.put("workflowVersionId", def.versionId());
        m.put("workflowId", def.id());
        m.put("workflowName", def.name());
        m.put("cron", expr);
        m.put("name", "");
        m.put("input", Json.map(def.cronInput()));
        m.put("additionalMetadata", Map.of());
        m.put("enabled", true);
        m.put("method", "DEFAULT");
        m.put("priority", def.defaultPriority());
        out.add(m);
      }
    }
    return out;
  }

  /** The declared filters as {@code V1Filter} rows. */
  static List<Map<String, Object>> filters(String tenantId, WorkflowRegistry registry, long createdAtMillis) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (WorkflowDef def : registry.all()) {
      for (int i = 0; i < def.filters().size(); i++) {
        EventFilters.Filter f = def.filters().get(i);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("metadata", TimedJson.metadata(filterId(def, i), createdAtMillis));
        m.put("tenantId", tenantId);
        m.put("workflowId", def.id());
        m.put("scope", f.scope());
        m.put("expression", f.expression() == null ? "" : f.expression().source());
        m.put("payload", Json.map(f.payloadJson()));
        m.put("isDeclarative", true);
        out.add(m);
      }
    }
    return out;
  }

  /** The declared row with this id, or null. */
  static Map<String, Object> find(List<Map<String, Object>> rows, String id) {
    for (Map<String, Object> row : rows) {
      if (((Map<?, ?>) row.get("metadata")).get("id").equals(id)) {
        return row;
      }
    }
    return null;
  }

  /** A change to a declared cron or filter is refused: it belongs to the workflow's code. */
  static EngineException declared(String what, String id) {
    return EngineException.invalid(what + " " + id + " is declared by its workflow (" + (what.equals("cron")
        ? "cron_triggers" : "default_filters") + "), so the dev engine does not change or delete it over REST;"
        + " change the workflow's code and restart its worker");
  }
}
