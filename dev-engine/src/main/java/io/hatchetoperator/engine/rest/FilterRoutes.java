package io.hatchetoperator.engine.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.hatchetoperator.engine.core.ApiFilters;
import io.hatchetoperator.engine.core.EngineException;
import io.hatchetoperator.engine.core.Ids;
import io.hatchetoperator.engine.core.Json;
import io.hatchetoperator.engine.core.Scheduler;
import io.hatchetoperator.engine.core.WorkflowDef;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * v1 event filters over REST with Hatchet's paths and bodies ({@code api/v1/server/handlers/v1/filters/}
 * {@code create.go}, {@code list.go}, {@code get.go}, {@code update.go}, {@code delete.go}; shapes from
 * {@code api/v1/server/oas/transformers/v1/filters.go}): what the official SDKs' {@code filters} client calls. A
 * filter made here gates its workflow's event runs exactly as a declared {@code default_filters} entry does.
 */
final class FilterRoutes implements RestRoutes {

  private static final Pattern FILTERS = Pattern.compile("^/api/v1/stable/tenants/([^/]+)/filters(?:/([^/]+))?/?$");

  private final Scheduler scheduler;
  private final Clock clock;
  private final long createdAtMillis;

  FilterRoutes(Scheduler scheduler, Clock clock, long createdAtMillis) {
    this.scheduler = scheduler;
    this.clock = clock;
    this.createdAtMillis = createdAtMillis;
  }

  @Override
  public boolean matches(String path) {
    return FILTERS.matcher(path).matches();
  }

  @Override
  public RestAnswer serve(String method, String path, Map<String, List<String>> q, Supplier<JsonNode> body) {
    Matcher m = FILTERS.matcher(path);
    if (!m.matches()) {
      throw EngineException.invalid(method + " " + path + " is not a filters path");
    }
    RestParams.requireTenant(scheduler.tenantId(), m.group(1));
    ApiFilters filters = scheduler.registry().apiFilters();
    String id = m.group(2);
    if (id == null && method.equals("GET")) {
      return RestAnswer.ok(list(filters, q));
    }
    if (id == null && method.equals("POST")) {
      return RestAnswer.ok(json(create(filters, body.get())));
    }
    Map<String, Object> declared = id == null ? null : DeclaredTriggers.find(declared(), id);
    if (declared != null) {
      if (method.equals("GET")) {
        return RestAnswer.ok(declared);
      }
      throw DeclaredTriggers.declared("filter", id);
    }
    if (id != null && method.equals("GET")) {
      return RestAnswer.ok(json(filters.get(Ids.require("v1-filter", id))));
    }
    if (id != null && method.equals("PATCH")) {
      JsonNode b = body.get();
      return RestAnswer.ok(json(filters.update(Ids.require("v1-filter", id),
          b.hasNonNull("scope") ? RestParams.text(b, "scope", "send the new scope as a string") : null,
          b.hasNonNull("expression") ? RestParams.text(b, "expression", "send the new CEL expression as a string")
              : null, b.hasNonNull("payload") ? RestParams.object(b, "payload") : null)));
    }
    if (id != null && method.equals("DELETE")) {
      return RestAnswer.ok(json(filters.delete(Ids.require("v1-filter", id))));
    }
    return new RestAnswer(405, RestJson.error(405, method + " is not allowed on " + path + "; the dev engine serves"
        + " GET and POST on .../filters and GET, PATCH and DELETE on .../filters/{id}"));
  }

  private ApiFilters.Entry create(ApiFilters filters, JsonNode body) {
    String workflowId = RestParams.text(body, "workflowId", "send the id of a registered workflow"
        + " (hatchet.workflows.get(name) gives it as metadata.id)");
    Ids.require("workflowId", workflowId);
    boolean known = scheduler.registry().all().stream().map(WorkflowDef::id).anyMatch(workflowId::equals);
    if (!known) {
      throw EngineException.invalid("workflowId = " + workflowId + " is not the id of a registered workflow; start the"
          + " worker that declares it, then read its id with hatchet.workflows.get(name)");
    }
    String scope = RestParams.text(body, "scope", "send the scope events will be pushed with");
    String expression = RestParams.text(body, "expression", "send a CEL expression such as \"input.n > 1\"");
    return filters.create(workflowId, scope, expression, RestParams.object(body, "payload"), clock.millis());
  }

  /** Hatchet's list: limit 20000 by default, 0-based {@code current_page} ({@code ToV1FilterList}). */
  private Map<String, Object> list(ApiFilters filters, Map<String, List<String>> q) {
    int offset = RestParams.intParam(q, "offset", 0, 0);
    int limit = RestParams.intParam(q, "limit", 20_000, 1);
    Set<String> workflowIds = Set.copyOf(RestParams.all(q, "workflowIds"));
    Set<String> scopes = Set.copyOf(RestParams.all(q, "scopes"));
    List<Map<String, Object>> all = new java.util.ArrayList<>();
    for (Map<String, Object> row : declared()) {
      if ((workflowIds.isEmpty() || workflowIds.contains((String) row.get("workflowId")))
          && (scopes.isEmpty() || scopes.contains((String) row.get("scope")))) {
        all.add(row);
      }
    }
    filters.list(workflowIds, scopes).forEach(e -> all.add(json(e)));
    List<Map<String, Object>> rows = all.subList(Math.min(offset, all.size()), Math.min(all.size(), offset + limit));
    Map<String, Object> pagination = new LinkedHashMap<>();
    pagination.put("current_page", offset / limit);
    pagination.put("next_page", offset / limit + 1);
    pagination.put("num_pages", (all.size() + limit - 1) / limit);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("rows", rows);
    out.put("pagination", pagination);
    return out;
  }

  private List<Map<String, Object>> declared() {
    return DeclaredTriggers.filters(scheduler.tenantId(), scheduler.registry(), createdAtMillis);
  }

  private Map<String, Object> json(ApiFilters.Entry e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("metadata", TimedJson.metadata(e.id(), e.createdAtMillis()));
    m.put("tenantId", scheduler.tenantId());
    m.put("workflowId", e.workflowId());
    m.put("scope", e.scope());
    m.put("expression", e.expression());
    m.put("payload", Json.map(e.payloadJson()));
    m.put("isDeclarative", false);
    return m;
  }
}
