package io.hatchetoperator.engine.core;

/** Where a worker's assigned actions go: its open Listen stream. Called with the scheduler's lock held. */
public interface ActionSink {

  /** Sends START_STEP_RUN for {@code task}. */
  void start(TaskRun task);

  /** Sends CANCEL_STEP_RUN for {@code task}. */
  void cancel(TaskRun task);

  /** Ends the stream (the worker unsubscribed or was replaced by a newer stream). */
  void close();
}
