package io.hatchetoperator.engine.core;

import java.util.LinkedHashMap;
import java.util.Map;

/** One run of a workflow: its input and its task runs by readable id; mutable, guarded by the scheduler's lock. */
public final class WorkflowRun {

  final String id;
  final WorkflowDef workflow;
  final TriggerRequest request;
  final int priority;
  final long createdAtMillis;
  final Map<String, TaskRun> tasks = new LinkedHashMap<>();
  int unfinished;
  long finishedAtMillis;
  /** The input and metadata bytes this run holds while unfinished, and whether they count now. */
  long payloadBytes;
  boolean payloadHeld;
  /** The CEL variables of the run, parsed once when a key expression first needs them. */
  java.util.Map<String, Object> celVars;
  /** Its place in its workflow-level concurrency strategy (DAGs), and the tasks waiting for it to be admitted. */
  final GateSlot slot = new GateSlot(null, this);
  /** The idempotency key it holds, or null. */
  String idempotencyKey;
  final java.util.List<TaskRun> waitingForSlot = new java.util.ArrayList<>();

  WorkflowRun(String id, WorkflowDef workflow, TriggerRequest request, int priority, long now) {
    this.id = id;
    this.workflow = workflow;
    this.request = request;
    this.priority = priority;
    this.createdAtMillis = now;
  }

  public String id() {
    return id;
  }

  public WorkflowDef workflow() {
    return workflow;
  }

  public TriggerRequest request() {
    return request;
  }

  public int priority() {
    return priority;
  }

  public Map<String, TaskRun> tasks() {
    return tasks;
  }

  /** When it was triggered, on the engine clock (epoch ms). */
  public long createdAtMillis() {
    return createdAtMillis;
  }

  /** When its last task ended, on the engine clock (epoch ms); 0 while unfinished. */
  public long finishedAtMillis() {
    return finishedAtMillis;
  }

  public boolean finished() {
    return unfinished == 0;
  }

  /** The run's status as Hatchet reports it: FAILED beats CANCELLED beats RUNNING beats QUEUED. */
  public TaskState status() {
    boolean running = false;
    boolean failed = false;
    boolean cancelled = false;
    boolean queued = false;
    for (TaskRun t : tasks.values()) {
      switch (t.state) {
        case RUNNING -> running = true;
        case FAILED -> failed = true;
        case CANCELLED -> cancelled = true;
        case COMPLETED -> { }
        default -> queued = true;
      }
    }
    if (finished()) {
      return failed ? TaskState.FAILED : cancelled ? TaskState.CANCELLED : TaskState.COMPLETED;
    }
    return running || !queued ? TaskState.RUNNING : TaskState.QUEUED;
  }
}
