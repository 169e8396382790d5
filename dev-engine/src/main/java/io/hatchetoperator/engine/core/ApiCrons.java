package io.hatchetoperator.engine.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Crons created over the API (REST {@code cronWorkflowTriggerCreate}), each with its name, expression, input,
 * additional metadata and priority. Hatchet keeps them unique per workflow, name and expression
 * ({@code WorkflowTriggerCronRef_parentId_cron_name_key} in {@code sql/schema/v0.sql}). Not thread-safe:
 * {@link TimedTriggers} guards it.
 */
public final class ApiCrons {

  /** One cron: {@code request} carries the workflow, input, metadata and priority of each run it starts. */
  public record Entry(String id, String name, String expression, TriggerRequest request, long createdAtMillis,
      CronSpec spec, long nextMillis, boolean enabled) {

    Entry next(long now) {
      return new Entry(id, name, expression, request, createdAtMillis, spec, spec.nextAfter(now), enabled);
    }
  }

  private final int max;
  private final Map<String, Entry> byId = new LinkedHashMap<>();

  ApiCrons(int max) {
    this.max = max;
  }

  Entry add(String name, String expression, TriggerRequest request, long now) {
    if (name == null || name.isBlank()) {
      throw EngineException.invalid("cronName = '" + name + "' is empty; give the cron a name (Hatchet requires one)");
    }
    if (expression == null || expression.isBlank()) {
      throw EngineException.invalid("cronExpression = '" + expression + "' is empty; give five fields (minute hour"
          + " day-of-month month day-of-week) or six with leading seconds, e.g. '*/5 * * * *'");
    }
    CronSpec spec = CronSpec.parse("cronExpression", expression);
    for (Entry e : byId.values()) {
      if (e.name().equals(name) && e.expression().equals(expression)
          && e.request().workflowName().equals(request.workflowName())) {
        throw EngineException.invalid("cronName = '" + name + "' with cronExpression = '" + expression + "' already"
            + " exists for workflow '" + request.workflowName() + "' (cron " + e.id() + "); pick another name or"
            + " delete that cron first");
      }
    }
    if (byId.size() >= max) {
      throw EngineException.invalid("the dev engine already holds " + max + " crons; delete some before adding more");
    }
    Entry e = new Entry(Ids.uuid(), name, expression, request, now, spec, spec.nextAfter(now), true);
    byId.put(e.id(), e);
    return e;
  }

  /** The runs due at {@code now} (one per cron, however many fire times it missed); moves each cron on. */
  List<TriggerRequest> due(long now) {
    List<TriggerRequest> out = new ArrayList<>();
    for (Entry e : byId.values()) {
      if (e.enabled() && e.nextMillis() >= 0 && e.nextMillis() <= now) {
        out.add(e.request());
        byId.put(e.id(), e.next(now));
      }
    }
    return out;
  }

  Entry get(String id) {
    Entry e = byId.get(id);
    if (e == null) {
      throw EngineException.notFound("cron " + id + " is not known to this engine (never created or deleted);"
          + " list them with GET /api/v1/tenants/{tenant}/workflows/crons");
    }
    return e;
  }

  /** Hatchet's {@code enabled} switch ({@code update_cron.go}): a disabled cron keeps its place but does not fire. */
  Entry setEnabled(String id, boolean enabled, long now) {
    Entry e = get(id);
    Entry updated = new Entry(e.id(), e.name(), e.expression(), e.request(), e.createdAtMillis(), e.spec(),
        e.spec().nextAfter(now), enabled);
    byId.put(id, updated);
    return updated;
  }

  Entry delete(String id) {
    Entry e = get(id);
    byId.remove(id);
    return e;
  }

  List<Entry> all() {
    return new ArrayList<>(byId.values());
  }
}
