package io.hatchetoperator.engine.core;

/** One task of a workflow run; mutable, guarded by the {@link Scheduler}'s lock. */
public final class TaskRun {

  final String externalId;
  final TaskDef def;
  final WorkflowRun run;
  TaskState state = TaskState.PENDING;
  /** The attempt number: one more for each retry, whether the task failed or its worker was lost. */
  int retryCount;
  /** Retries after the task's own failures, bounded by its {@code retries} (Hatchet's app_retry_count). */
  int appRetryCount;
  /** Reassignments after its worker went silent, not bounded by {@code retries} (Hatchet's internal_retry_count). */
  int internalRetryCount;
  int pendingParents;
  long seq;
  long queuedAtMillis;
  long startedAtMillis;
  long timeoutAtMillis;
  long retryAtMillis;
  boolean holdsSlot;
  /** Its places in its task-level concurrency strategies, one per strategy in chain order. */
  final GateSlot[] slots;
  /** Rate limits: units per key (resolved once when first queued), when to look again, and why it waits. */
  java.util.Map<String, Long> rateUnits;
  java.util.List<RateLimitSpec.Resolved> rateDynamic = java.util.List.of();
  long rateRetryAtMillis;
  String rateNote;
  /** Sticky: the worker it should run on (its parent's, or the trigger's desired worker), and the last it ran on. */
  String desiredWorkerId;
  String lastWorkerId;
  WorkerState worker;
  String output;
  String error;
  /** The durable event log of a durable task, kept across its invocations; null for other tasks. */
  final DurableLog durable;
  /** A task with conditions: its match on its parents, then its wait for sleeps and events; null until created. */
  ParentMatch parentMatch;
  ConditionWait conditionWait;
  /** The data of the conditions that queued it (the payload's {@code triggers}), or null. */
  String triggers;

  TaskRun(String externalId, TaskDef def, WorkflowRun run) {
    this.externalId = externalId;
    this.def = def;
    this.run = run;
    this.slots = new GateSlot[def.concurrency().size()];
    for (int i = 0; i < slots.length; i++) {
      slots[i] = new GateSlot(this, run);
    }
    this.pendingParents = def.parents().size();
    this.durable = def.durable() ? new DurableLog(externalId) : null;
  }

  /** Assigned to {@code w}: its worker, slot and timeout, and a durable task's next invocation. */
  void assigned(WorkerState w, long now) {
    worker = w;
    lastWorkerId = w.id;
    holdsSlot = true;
    startedAtMillis = now;
    timeoutAtMillis = now + def.timeout().toMillis();
    if (durable != null) {
      durable.newInvocation();
    }
  }

  /** A durable task's current invocation (1 at its first assignment), or null for other tasks. */
  public Integer durableInvocation() {
    return durable == null ? null : durable.invocation();
  }

  public String externalId() {
    return externalId;
  }

  public TaskDef def() {
    return def;
  }

  public WorkflowRun run() {
    return run;
  }

  public TaskState state() {
    return state;
  }

  public int retryCount() {
    return retryCount;
  }

  public String output() {
    return output;
  }

  public String error() {
    return error;
  }

  /** The data of the wait_for conditions that queued it, as a JSON object, or null. */
  public String triggers() {
    return triggers;
  }

  public long startedAtMillis() {
    return startedAtMillis;
  }

  public long timeoutAtMillis() {
    return timeoutAtMillis;
  }

  /** The id of the worker it runs on, or null. */
  /** The desired labels it is matched with: the run's when the trigger gave some (they replace the task's). */
  java.util.List<LabelRule> labels() {
    return run.request.labels().isEmpty() ? def.labels() : run.request.labels();
  }

  public String workerId() {
    return worker == null ? null : worker.id;
  }
}
