package io.hatchetoperator.worker;

import java.time.Duration;
import java.util.Map;

/** What a running task can know and do about its run; one instance per task run, thread-safe. */
public interface Context {

  /** The workflow run this task run belongs to. */
  String workflowRunId();

  /** The task run's external id (what the engine and events know it by). */
  String taskRunExternalId();

  /** The task's name (readable id). */
  String taskName();

  /** How many times this run was retried or reassigned before this attempt (0 on the first). */
  int retryCount();

  /**
   * This attempt: the run's external id and retry count. A run can be executed more than once (a
   * retry, or a reassignment after the engine lost this worker), so key side effects by
   * {@link Attempt#taskRunExternalId()} to do them once per run, or by the whole attempt to tell
   * attempts apart.
   */
  default Attempt attempt() {
    return new Attempt(taskRunExternalId(), retryCount());
  }

  /** The run's additional metadata (string values), empty if none. */
  Map<String, String> additionalMetadata();

  /** The output of a DAG parent, decoded to {@code type}; fails if the parent is not a parent of this task. */
  <T> T parentOutput(String parentTask, Class<T> type);

  /** The output of a DAG parent decoded to a generic {@code type} with the instance's ObjectMapper. */
  <T> T parentOutput(String parentTask, java.lang.reflect.Type type);

  /** The output of the DAG parent {@code parent}, typed by its reference. */
  default <O> O parentOutput(TaskRef<?, O> parent) {
    return parentOutput(parent.name(), parent.outputType());
  }

  /**
   * Whether the task should stop: the engine cancelled the run, a newer attempt of it arrived, or the
   * worker handed it back at its drain deadline. The task's thread is also interrupted.
   */
  boolean isCancelled();

  /** Extends the run's execution timeout by {@code increment} (RefreshTimeout). */
  void refreshTimeout(Duration increment);

  /** Gives this run's slot back to the worker and the engine while the task keeps running. */
  void releaseSlot();

  /** Sends a log line to the engine for this run (PutLog; fire-and-forget). */
  void log(String message);
}
