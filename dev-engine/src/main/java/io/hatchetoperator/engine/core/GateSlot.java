package io.hatchetoperator.engine.core;

/**
 * A task's or a whole run's place in a concurrency strategy (task-level strategies hold a task's slot, workflow-level
 * strategies of a DAG hold the run's): its order among its key's slots, its key, and whether it was admitted.
 * Guarded by the scheduler's lock.
 */
final class GateSlot {

  /** The task it belongs to, or null for a run's slot. */
  final TaskRun task;
  final WorkflowRun run;
  /** The strategy it belongs to (set when offered). */
  ConcurrencySpec spec;
  long seq;
  String group;
  String key;
  boolean admitted;

  GateSlot(TaskRun task, WorkflowRun run) {
    this.task = task;
    this.run = run;
  }

  int priority() {
    return run.priority;
  }
}
