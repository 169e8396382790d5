package io.hatchetoperator.engine.core;

/** Where a task run is in its life. */
public enum TaskState {
  /** Waiting for its parents to complete. */
  PENDING,
  /** In the queue of its action. */
  QUEUED,
  /** Failed and waiting for its retry backoff to pass. */
  RETRY_WAIT,
  /** Assigned to a worker. */
  RUNNING,
  COMPLETED,
  FAILED,
  CANCELLED;

  /** True when the task will not change again (unless replayed). */
  public boolean terminal() {
    return this == COMPLETED || this == FAILED || this == CANCELLED;
  }

  /** True when the task counts as queued in task-stats (queue + retry queue). */
  public boolean queued() {
    return this == QUEUED || this == RETRY_WAIT;
  }
}
