package io.hatchetoperator.engine.core;

/** Watches workflow runs (SubscribeToWorkflowRuns/Events streams). Called with the scheduler's lock held; must not block. */
public interface RunObserver {

  /** The run reached a terminal state; called once per subscribed run. */
  void runFinished(WorkflowRun run);

  /** A task of a watched run changed: kind is STARTED, COMPLETED, FAILED, CANCELLED, TIMED_OUT or STREAM. */
  default void taskEvent(TaskRun task, String kind, String payload) {}
}
