package io.hatchetoperator.engine.core;

import io.hatchetoperator.proto.v1.Concurrency;
import io.hatchetoperator.proto.v1.CreateTaskOpts;
import io.hatchetoperator.proto.v1.CreateWorkflowVersionRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Validates PutWorkflow requests into {@link WorkflowDef}s and looks them up by name and event key. Thread-safe. */
public final class WorkflowRegistry {

  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
  static final Duration DEFAULT_SCHEDULE_TIMEOUT = Duration.ofMinutes(5);

  private final Map<String, WorkflowDef> byName = new ConcurrentHashMap<>();
  private final Map<String, String> workflowIds = new ConcurrentHashMap<>();
  private final ApiFilters apiFilters = new ApiFilters();

  /** The event filters created over the API; they gate event runs with each workflow's declared filters. */
  public ApiFilters apiFilters() {
    return apiFilters;
  }

  /** Validates and stores a new version; a later PutWorkflow of the same name replaces it. */
  public WorkflowDef put(CreateWorkflowVersionRequest req) {
    String name = req.getName().trim();
    if (name.isEmpty()) {
      throw EngineException.invalid("name is empty; every workflow needs a name");
    }
    if (req.getTasksCount() == 0) {
      throw EngineException.invalid("tasks is empty for workflow '" + name + "'; declare at least one task");
    }
    Map<String, TaskDef> tasks = new LinkedHashMap<>();
    FeatureAudit.check(name, req);
    List<Concurrency> workflowConcurrency = new ArrayList<>(req.getConcurrencyArrList());
    if (req.hasConcurrency()) {
      workflowConcurrency.add(0, req.getConcurrency());
    }
    // Hatchet moves a single-task workflow's strategies onto its task (mergeWorkflowConcurrencyOntoSingleTask);
    // a DAG's strategy is held by each run until it ends
    boolean merged = req.getTasksCount() == 1 && !req.hasOnFailureTask();
    if (!merged && workflowConcurrency.size() > 1) {
      throw EngineException.invalid("workflow '" + name + "' has " + workflowConcurrency.size() + " workflow-level"
          + " concurrency strategies: the dev engine enforces one per workflow; keep one or use a Hatchet engine");
    }
    ConcurrencySpec runConcurrency = merged || workflowConcurrency.isEmpty() ? null
        : ConcurrencySpec.of(name, "concurrency of workflow '" + name + "'", workflowConcurrency.get(0));
    for (int i = 0; i < req.getTasksCount(); i++) {
      TaskDef t = task(name, "tasks[" + i + "]", req.getTasks(i), merged ? workflowConcurrency : List.of());
      if (tasks.put(t.readableId(), t) != null) {
        throw EngineException.invalid("tasks[" + i + "].readable_id = '" + t.readableId() + "' is used twice in workflow '"
            + name + "'; task names must be unique within a workflow");
      }
    }
    List<TaskDef> ordered = topological(name, tasks);
    String workflowId = workflowIds.computeIfAbsent(name, n -> UUID.randomUUID().toString());
    int priority = req.hasDefaultPriority() ? req.getDefaultPriority() : 1;
    TaskDef onFailure = req.hasOnFailureTask() ? task(name, "on_failure_task", req.getOnFailureTask()) : null;
    if (onFailure != null && (tasks.containsKey(onFailure.readableId()) || !onFailure.parents().isEmpty())) {
      throw EngineException.invalid("on_failure_task.readable_id = '" + onFailure.readableId() + "' must be a task name"
          + " of its own with no parents; rename it");
    }
    WorkflowDef def = new WorkflowDef(workflowId, UUID.randomUUID().toString(), name, req.getVersion(), ordered,
        req.getEventTriggersList(), priority, onFailure, crons(name, req),
        req.hasCronInput() ? Json.requireObject("cron_input", req.getCronInput()) : "{}",
        req.hasSticky() ? req.getSticky().name() : null, runConcurrency,
        EventFilters.of(name, req.getDefaultFiltersList()),
        req.hasIdempotency() ? IdempotencyKeys.Spec.of(name, req.getIdempotency()) : null);
    byName.put(name, def);
    return def;
  }

  /** The latest version of {@code name}; NOT_FOUND with the fix when it was never registered. */
  public WorkflowDef get(String field, String name) {
    WorkflowDef def = byName.get(name);
    if (def == null) {
      throw EngineException.notFound(field + " = '" + name + "' is not a registered workflow; start a worker that declares"
          + " it (workers register their workflows with PutWorkflow) or check the name and namespace");
    }
    return def;
  }

  /** The latest version of every registered workflow, by name. */
  public List<WorkflowDef> all() {
    List<WorkflowDef> out = new ArrayList<>(byName.values());
    out.sort(java.util.Comparator.comparing(WorkflowDef::name));
    return out;
  }

  /**
   * The workflows that an event with this key triggers: an event trigger matches as Hatchet's SQL does it
   * ({@code pkg/repository/sqlcv1/triggers.sql}: {@code key LIKE REPLACE(pattern, '*', '%')}), so {@code *} and
   * {@code %} match any run of characters and {@code _} one character. One run per workflow, however many of its
   * triggers match.
   */
  public List<WorkflowDef> triggeredBy(String eventKey) {
    List<WorkflowDef> out = new ArrayList<>();
    for (WorkflowDef def : all()) {
      if (def.eventTriggers().stream().anyMatch(p -> EventKeys.matches(p, eventKey))) {
        out.add(def);
      }
    }
    return out;
  }

  /** Action id to workflow name, for metrics labels. */
  public Map<String, String> workflowOfActions() {
    Map<String, String> out = new HashMap<>();
    for (WorkflowDef def : byName.values()) {
      def.tasks().forEach(t -> out.put(t.action(), def.name()));
    }
    return out;
  }

  private static TaskDef task(String wf, String field, CreateTaskOpts o) {
    return task(wf, field, o, List.of());
  }

  /** A task; {@code inherited} holds the workflow's strategies when they move onto a single task (Hatchet's merge). */
  private static TaskDef task(String wf, String field, CreateTaskOpts o, List<Concurrency> inherited) {
    if (o.getReadableId().isBlank()) {
      throw EngineException.invalid(field + ".readable_id is empty in workflow '" + wf + "'; give the task a name");
    }
    if (o.getAction().isBlank()) {
      throw EngineException.invalid(field + ".action is empty for task '" + o.getReadableId() + "'; use '<workflow>:<task>'");
    }
    if (o.getRetries() < 0) {
      throw EngineException.invalid(field + ".retries = " + o.getRetries() + " is negative; use 0 or more");
    }
    Map<String, Integer> slots = new HashMap<>(o.getSlotRequestsMap());
    slots.entrySet().removeIf(e -> e.getValue() <= 0);
    if (slots.isEmpty()) {
      slots.put(o.getIsDurable() ? "durable" : "default", 1);
    }
    return new TaskDef(Ids.uuid(), o.getReadableId(), o.getAction(),
        Durations.parseOr(field + ".timeout", o.getTimeout(), DEFAULT_TIMEOUT),
        Durations.parseOr(field + ".schedule_timeout", o.getScheduleTimeout(), DEFAULT_SCHEDULE_TIMEOUT),
        o.getRetries(), o.hasBackoffFactor() ? o.getBackoffFactor() : 0,
        o.hasBackoffMaxSeconds() ? o.getBackoffMaxSeconds() : 0, o.getParentsList(), slots, labels(o),
        concurrency(wf, field, o, inherited), rateLimits(field, o), o.getIsDurable(),
        TaskCondition.parse(field + " ('" + o.getReadableId() + "') of workflow '" + wf + "'", o.getConditions(),
            o.getParentsList()));
  }

  private static List<RateLimitSpec> rateLimits(String field, CreateTaskOpts o) {
    List<RateLimitSpec> out = new ArrayList<>();
    for (int i = 0; i < o.getRateLimitsCount(); i++) {
      out.add(RateLimitSpec.of(field + ".rate_limits[" + i + "]", o.getRateLimits(i)));
    }
    return out;
  }

  /**
   * A task's strategies in chain order: the workflow's first when they move onto a single task (Hatchet's merge puts
   * them before the task's own), then the task's.
   */
  private static List<ConcurrencySpec> concurrency(String wf, String field, CreateTaskOpts o,
      List<Concurrency> inherited) {
    List<ConcurrencySpec> out = new ArrayList<>();
    for (int i = 0; i < inherited.size(); i++) {
      out.add(ConcurrencySpec.of(wf + "/" + o.getReadableId() + "#" + out.size(),
          "concurrency[" + i + "] of workflow '" + wf + "'", inherited.get(i)));
    }
    for (int i = 0; i < o.getConcurrencyCount(); i++) {
      out.add(ConcurrencySpec.of(wf + "/" + o.getReadableId() + "#" + out.size(), field + ".concurrency[" + i + "]",
          o.getConcurrency(i)));
    }
    return out;
  }


  private static List<LabelRule> labels(CreateTaskOpts o) {
    return LabelRule.of(o.getWorkerLabelsMap());
  }

  private static List<TaskDef> topological(String wf, Map<String, TaskDef> tasks) {
    List<TaskDef> out = new ArrayList<>();
    Set<String> done = new HashSet<>();
    while (out.size() < tasks.size()) {
      int before = out.size();
      for (TaskDef t : tasks.values()) {
        if (done.contains(t.readableId())) {
          continue;
        }
        for (String p : t.parents()) {
          if (!tasks.containsKey(p)) {
            throw EngineException.invalid("task '" + t.readableId() + "' of workflow '" + wf + "' has parent '" + p
                + "', which is not a task of this workflow; fix parents to name tasks of the same workflow");
          }
        }
        if (done.containsAll(t.parents())) {
          out.add(t);
          done.add(t.readableId());
        }
      }
      if (out.size() == before) {
        throw EngineException.invalid("the parents of workflow '" + wf + "' form a cycle; a DAG cannot depend on itself");
      }
    }
    return out;
  }

  private static List<String> crons(String wf, CreateWorkflowVersionRequest r) {
    for (int i = 0; i < r.getCronTriggersCount(); i++) {
      CronSpec.parse("cron_triggers[" + i + "] of workflow '" + wf + "'", r.getCronTriggers(i));
    }
    return r.getCronTriggersList();
  }
}
