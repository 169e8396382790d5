package io.hatchetoperator.engine.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Event filters created over the API (REST {@code v1FilterCreate}, {@code is_declarative} false in Hatchet). They
 * gate a workflow's event runs together with its declared {@code default_filters}, as Hatchet reads both from one
 * table ({@code v1_filter}; {@code ListFiltersForEventTriggers} and {@code ListFilterCountsForWorkflows} in
 * {@code pkg/repository/trigger.go}), unique per workflow, scope, expression and payload. Thread-safe.
 */
public final class ApiFilters {

  static final int MAX_FILTERS = 10_000;

  /** One filter as the API shows it, with the parsed {@link EventFilters.Filter} the trigger decision uses. */
  public record Entry(String id, String workflowId, String scope, String expression, String payloadJson,
      long createdAtMillis, EventFilters.Filter filter) {}

  private final Map<String, Entry> byId = new LinkedHashMap<>();
  private final int max;

  public ApiFilters() {
    this(MAX_FILTERS);
  }

  ApiFilters(int max) {
    this.max = max;
  }

  /** Validates and stores a filter; INVALID_ARGUMENT naming the field, the value and the fix. */
  public synchronized Entry create(String workflowId, String scope, String expression, String payloadJson,
      long now) {
    Entry e = checked(null, workflowId, scope, expression, payloadJson, now);
    byId.put(e.id(), e);
    return e;
  }

  /**
   * Hatchet's {@code v1FilterUpdate}: each of scope, expression and payload replaces the filter's when given (not
   * null), checked as at creation.
   */
  public synchronized Entry update(String id, String scope, String expression, String payloadJson) {
    Entry old = get(id);
    Entry e = checked(old, old.workflowId(), scope == null ? old.scope() : scope,
        expression == null ? old.expression() : expression, payloadJson == null ? old.payloadJson() : payloadJson,
        old.createdAtMillis());
    byId.put(id, e);
    return e;
  }

  private Entry checked(Entry replacing, String workflowId, String scope, String expression, String payloadJson,
      long now) {
    if (scope == null || scope.isBlank()) {
      throw EngineException.invalid("scope = '" + scope + "' is empty; events select filters by scope, so give one"
          + " and push events with that scope");
    }
    if (expression == null || expression.isBlank()) {
      throw EngineException.invalid("expression = '" + expression + "' is empty; give a CEL expression over input,"
          + " additional_metadata, payload, event_id or event_key, e.g. input.n > 1 (an empty one never matches)");
    }
    CelExpr cel;
    try {
      cel = CelExpr.parse(expression, CelExpr.EVENT_VARS);
    } catch (IllegalArgumentException e) {
      throw EngineException.invalid("expression = '" + expression + "': " + e.getMessage());
    }
    String payload = Json.requireObject("payload", payloadJson);
    for (Entry e : byId.values()) {
      if (e != replacing && e.workflowId().equals(workflowId) && e.scope().equals(scope)
          && e.expression().equals(expression) && Json.map(e.payloadJson()).equals(Json.map(payload))) {
        throw EngineException.invalid("a filter with scope = '" + scope + "', expression = '" + expression
            + "' and this payload already exists for workflow " + workflowId + " (filter " + e.id() + "); change one"
            + " of them or delete that filter first");
      }
    }
    if (replacing == null && byId.size() >= max) {
      throw EngineException.invalid("the dev engine already holds " + max + " filters; delete some first");
    }
    return new Entry(replacing == null ? Ids.uuid() : replacing.id(), workflowId, scope, expression, payload, now,
        new EventFilters.Filter(cel, scope, payload));
  }

  /** The filters of one workflow, for the trigger decision. */
  public synchronized List<EventFilters.Filter> of(String workflowId) {
    List<EventFilters.Filter> out = new ArrayList<>();
    for (Entry e : byId.values()) {
      if (e.workflowId().equals(workflowId)) {
        out.add(e.filter());
      }
    }
    return out;
  }

  /** The filters whose workflow is in {@code workflowIds} and scope in {@code scopes} (an empty set: any). */
  public synchronized List<Entry> list(Set<String> workflowIds, Set<String> scopes) {
    List<Entry> out = new ArrayList<>();
    for (Entry e : byId.values()) {
      if ((workflowIds.isEmpty() || workflowIds.contains(e.workflowId()))
          && (scopes.isEmpty() || scopes.contains(e.scope()))) {
        out.add(e);
      }
    }
    return out;
  }

  public synchronized Entry get(String id) {
    Entry e = byId.get(id);
    if (e == null) {
      throw EngineException.notFound("filter " + id + " is not known to this engine (never created or deleted);"
          + " list them with GET /api/v1/stable/tenants/{tenant}/filters");
    }
    return e;
  }

  /** Deletes a filter: from now on it gates no event. */
  public synchronized Entry delete(String id) {
    Entry e = get(id);
    byId.remove(id);
    return e;
  }
}
