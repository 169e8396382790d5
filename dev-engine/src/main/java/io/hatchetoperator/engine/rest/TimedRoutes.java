package io.hatchetoperator.engine.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.hatchetoperator.engine.core.ApiCrons;
import io.hatchetoperator.engine.core.EngineException;
import io.hatchetoperator.engine.core.Ids;
import io.hatchetoperator.engine.core.ScheduledRuns;
import io.hatchetoperator.engine.core.Scheduler;
import io.hatchetoperator.engine.core.TimedTriggers;
import io.hatchetoperator.engine.core.TriggerRequest;
import io.hatchetoperator.engine.core.WorkflowDef;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scheduled runs and crons over REST, with Hatchet's paths and bodies ({@code api/v1/server/handlers/workflows/}
 * {@code create_scheduled.go}, {@code list_scheduled.go}, {@code get_scheduled.go}, {@code delete_scheduled.go},
 * {@code create_cron.go}, {@code list_crons.go}, {@code get_cron.go}, {@code delete_cron.go}): what the official
 * SDKs' {@code scheduled} and {@code crons} clients call. Runs start on the engine clock through {@link TimedTriggers}.
 */
final class TimedRoutes implements RestRoutes {

  private static final Pattern CREATE = Pattern.compile("^/api/v1/tenants/([^/]+)/workflows/([^/]+)/(scheduled|crons)/?$");
  private static final Pattern ITEM = Pattern.compile("^/api/v1/tenants/([^/]+)/workflows/(scheduled|crons)(?:/([^/]+))?/?$");

  private final Scheduler scheduler;
  private final TimedTriggers timed;
  private final long createdAtMillis;

  TimedRoutes(Scheduler scheduler, TimedTriggers timed, long createdAtMillis) {
    this.scheduler = scheduler;
    this.timed = timed;
    this.createdAtMillis = createdAtMillis;
  }

  @Override
  public boolean matches(String path) {
    return CREATE.matcher(path).matches() || ITEM.matcher(path).matches();
  }

  @Override
  public RestAnswer serve(String method, String path, Map<String, List<String>> q, Supplier<JsonNode> body) {
    Matcher create = CREATE.matcher(path);
    Matcher item = ITEM.matcher(path);
    boolean isItem = item.matches();
    if (method.equals("POST") && create.matches() && !(isItem && item.group(3) != null)) {
      RestParams.requireTenant(scheduler.tenantId(), create.group(1));
      WorkflowDef def = workflow(create.group(2));
      return RestAnswer.ok(create.group(3).equals("scheduled") ? createScheduled(def, body.get())
          : createCron(def, body.get()));
    }
    if (!isItem) {
      throw EngineException.invalid(method + " " + path + " is not served by the dev engine; create with POST"
          + " /api/v1/tenants/{tenant}/workflows/{workflow-name}/scheduled or .../crons");
    }
    RestParams.requireTenant(scheduler.tenantId(), item.group(1));
    boolean scheduled = item.group(2).equals("scheduled");
    String id = item.group(3);
    if (id == null && method.equals("GET")) {
      return RestAnswer.ok(scheduled ? TimedLists.scheduled(this, q) : TimedLists.crons(this, q));
    }
    if (scheduled && method.equals("POST") && ("bulk-delete".equals(id) || "bulk-update".equals(id))) {
      return RestAnswer.ok(id.equals("bulk-delete") ? ScheduleBulk.delete(this, body.get())
          : ScheduleBulk.update(this, body.get()));
    }
    if (id != null && !scheduled && DeclaredTriggers.find(declaredCrons(), id) != null) {
      if (method.equals("GET")) {
        return RestAnswer.ok(DeclaredTriggers.find(declaredCrons(), id));
      }
      throw DeclaredTriggers.declared("cron", id);
    }
    if (id != null && method.equals("PATCH")) {
      Ids.require(scheduled ? "scheduled-workflow-run" : "cron-workflow", id);
      if (scheduled) {
        return RestAnswer.ok(scheduledJson(timed.reschedule(id, RestParams.time(body.get(), "triggerAt"))));
      }
      JsonNode enabled = body.get().get("enabled");
      if (enabled != null && !enabled.isBoolean()) {
        throw EngineException.invalid("enabled = " + enabled + " is not a boolean; send {\"enabled\": false} to pause"
            + " the cron or true to resume it");
      }
      if (enabled != null) {
        timed.setCronEnabled(id, enabled.booleanValue());
      } else {
        timed.cron(id);
      }
      return RestAnswer.noContent();
    }
    if (id != null && (method.equals("GET") || method.equals("DELETE"))) {
      Ids.require(scheduled ? "scheduled-workflow-run" : "cron-workflow", id);
      if (method.equals("DELETE")) {
        if (scheduled) {
          timed.deleteScheduled(id);
        } else {
          timed.deleteCron(id);
        }
        return RestAnswer.noContent();
      }
      return RestAnswer.ok(scheduled ? scheduledJson(timed.scheduled(id)) : cronJson(timed.cron(id)));
    }
    return new RestAnswer(405, RestJson.error(405, method + " is not allowed on " + path + "; the dev engine serves"
        + " GET (list), GET, PATCH and DELETE of one, POST .../workflows/{workflow-name}/" + item.group(2)
        + " to create" + (scheduled ? " and POST .../scheduled/bulk-delete or bulk-update" : "")
        + " (not trigger-now)"));
  }

  private Map<String, Object> createScheduled(WorkflowDef def, JsonNode body) {
    long at = RestParams.time(body, "triggerAt");
    TriggerRequest r = request(def, body);
    scheduler.check(r);
    return scheduledJson(timed.scheduleEntry(r, at));
  }

  private Map<String, Object> createCron(WorkflowDef def, JsonNode body) {
    String name = RestParams.text(body, "cronName", "give the cron a name, e.g. \"nightly\"");
    String expr = RestParams.text(body, "cronExpression", "give a cron expression, e.g. \"*/5 * * * *\"");
    TriggerRequest r = request(def, body);
    scheduler.check(r);
    return cronJson(timed.addCron(name, expr, r));
  }

  /** Input, additional metadata and priority (1 when absent, as Hatchet stores it). */
  private static TriggerRequest request(WorkflowDef def, JsonNode body) {
    Integer priority = RestParams.optionalInt(body, "priority", "send 1 (low), 2 (medium) or 3 (high)");
    return new TriggerRequest(def.name(), RestParams.object(body, "input"),
        RestParams.object(body, "additionalMetadata"), priority == null ? 1 : priority, null, null, null, null, null,
        null);
  }

  /** Hatchet answers an unknown workflow name with 400 "workflow not found"; so does this, naming it. */
  private WorkflowDef workflow(String name) {
    try {
      return scheduler.registry().get("workflow", name);
    } catch (EngineException e) {
      throw EngineException.invalid(e.getMessage());
    }
  }

  Map<String, Object> scheduledJson(ScheduledRuns.Entry e) {
    io.hatchetoperator.engine.core.TaskState run = null;
    if (e.runId() != null) {
      try {
        run = scheduler.readRun(e.runId(), io.hatchetoperator.engine.core.WorkflowRun::status);
      } catch (EngineException gone) {
        // the run was finished and forgotten: the schedule still names it
      }
    }
    return TimedJson.scheduled(scheduler.tenantId(), scheduler.registry().get("workflow", e.request().workflowName()),
        e, run);
  }

  Map<String, Object> cronJson(ApiCrons.Entry e) {
    return TimedJson.cron(scheduler.tenantId(), scheduler.registry().get("workflow", e.request().workflowName()), e);
  }

  /** The crons the registered workflows declare, as Hatchet lists them ({@code method: DEFAULT}). */
  List<Map<String, Object>> declaredCrons() {
    return DeclaredTriggers.crons(scheduler.tenantId(), scheduler.registry(), createdAtMillis);
  }

  TimedTriggers timed() {
    return timed;
  }

  Scheduler scheduler() {
    return scheduler;
  }

  static <T> Comparator<T> order(Comparator<T> c, boolean ascending) {
    return ascending ? c : c.reversed();
  }
}
