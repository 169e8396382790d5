package io.hatchetoperator.engine.core;

/** One task of a workflow run; mutable, guarded by the {@link Scheduler}'s lock. */
public final class TaskRun {

  final String externalId;
  final TaskDef def;
  final WorkflowRun run;
  TaskState state = TaskState.PENDING;
  int retryCount;
  int pendingParents;
  long seq;
  long queuedAtMillis;
  long startedAtMillis;
  long timeoutAtMillis;
  long retryAtMillis;
  boolean holdsSlot;
  WorkerState worker;
  String output;
  String error;

  TaskRun(String externalId, TaskDef def, WorkflowRun run) {
    this.externalId = externalId;
    this.def = def;
    this.run = run;
    this.pendingParents = def.parents().size();
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

  public long startedAtMillis() {
    return startedAtMillis;
  }

  public long timeoutAtMillis() {
    return timeoutAtMillis;
  }

  /** The id of the worker it runs on, or null. */
  public String workerId() {
    return worker == null ? null : worker.id;
  }
}
