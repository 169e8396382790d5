package io.hatchetoperator.engine.core;

import io.hatchetoperator.proto.v1.DefaultFilter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A workflow's event filters (its {@code default_filters}) and the trigger decision Hatchet makes with them
 * ({@code makeTriggerDecisions} and {@code processWorkflowExpression} in {@code pkg/repository/trigger.go}): a workflow
 * without filters runs once per matching event; a workflow with filters runs only for events pushed with a scope that
 * has filters, once per filter whose expression is true, with that filter's payload. An empty expression, an
 * expression that fails or one that is not a bool does not trigger.
 */
public final class EventFilters {

  /** One filter: its expression (null when empty), its scope and its payload (JSON object text). */
  public record Filter(CelExpr expression, String scope, String payloadJson) {}

  private EventFilters() {}

  /** Reads {@code default_filters}; INVALID_ARGUMENT naming the filter for an unreadable expression or payload. */
  static List<Filter> of(String wf, List<DefaultFilter> in) {
    List<Filter> out = new ArrayList<>();
    for (int i = 0; i < in.size(); i++) {
      DefaultFilter f = in.get(i);
      String field = "default_filters[" + i + "] of workflow '" + wf + "'";
      if (f.getScope().isBlank()) {
        throw EngineException.invalid(field + " has an empty scope; events select filters by scope, so give one");
      }
      CelExpr expr;
      try {
        expr = f.getExpression().isBlank() ? null : CelExpr.parse(f.getExpression(), CelExpr.EVENT_VARS);
      } catch (IllegalArgumentException e) {
        throw EngineException.invalid(field + ".expression: " + e.getMessage());
      }
      String payload = f.hasPayload() ? Json.requireObject(field + ".payload",
          f.getPayload().toString(StandardCharsets.UTF_8)) : "{}";
      out.add(new Filter(expr, f.getScope(), payload));
    }
    return out;
  }

  /**
   * The runs an event starts of {@code def}: one element per run, the filter payload it carries (null when the
   * workflow has no filters). {@code scope} may be null.
   */
  static List<String> runs(WorkflowDef def, String scope, String eventId, String key, String payloadJson,
      String metadataJson) {
    return runs(def, def.filters(), scope, eventId, key, payloadJson, metadataJson);
  }

  /** As above with the workflow's filters given: its declared ones and those created over the API. */
  static List<String> runs(WorkflowDef def, List<Filter> filters, String scope, String eventId, String key,
      String payloadJson, String metadataJson) {
    if (filters.isEmpty()) {
      return java.util.Collections.singletonList(null);
    }
    List<String> out = new ArrayList<>();
    if (scope == null) {
      return out;
    }
    Map<String, Object> vars = null;
    for (Filter f : filters) {
      if (!f.scope().equals(scope) || f.expression() == null) {
        continue;
      }
      if (vars == null) {
        vars = new HashMap<>();
        vars.put("input", RunVars.parse(payloadJson));
        vars.put("additional_metadata", RunVars.parse(metadataJson));
        vars.put("event_id", eventId);
        vars.put("event_key", key);
      }
      vars.put("payload", RunVars.parse(f.payloadJson()));
      try {
        if (Boolean.TRUE.equals(f.expression().eval(vars))) {
          out.add(f.payloadJson());
        }
      } catch (IllegalStateException e) {
        org.slf4j.LoggerFactory.getLogger(EventFilters.class).warn("filter '{}' of workflow '{}' failed on event {}"
            + " ({}): {}; the workflow does not run for it", f.expression().source(), def.name(), eventId, key,
            e.getMessage());
      }
    }
    return out;
  }

  /** The trigger requests an event makes: for every workflow its key triggers, one per run {@link #runs} decides. */
  static List<TriggerRequest> requests(WorkflowRegistry registry, String eventId, String key, String scope,
      TriggerRequest base) {
    List<TriggerRequest> reqs = new ArrayList<>();
    for (WorkflowDef def : registry.triggeredBy(key)) {
      List<Filter> filters = new ArrayList<>(def.filters());
      filters.addAll(registry.apiFilters().of(def.id()));
      for (String filterPayload : runs(def, filters, scope, eventId, key, base.inputJson(), base.metadataJson())) {
        reqs.add(new TriggerRequest(def.name(), base.inputJson(), base.metadataJson(), base.priority(), null, null,
            null, null, eventId, key, null, null, filterPayload));
      }
    }
    return reqs;
  }
}
