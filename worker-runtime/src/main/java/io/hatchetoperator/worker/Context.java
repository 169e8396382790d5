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

  /** How many times this run was retried before this attempt (0 on the first). */
  int retryCount();

  /** The run's additional metadata (string values), empty if none. */
  Map<String, String> additionalMetadata();

  /** The output of a DAG parent, decoded to {@code type}; fails if the parent is not a parent of this task. */
  <T> T parentOutput(String parentTask, Class<T> type);

  /** Whether the engine cancelled this run (or the worker abandoned it); the task should stop. */
  boolean isCancelled();

  /** Extends the run's execution timeout by {@code increment} (RefreshTimeout). */
  void refreshTimeout(Duration increment);

  /** Gives this run's slot back to the worker and the engine while the task keeps running. */
  void releaseSlot();

  /** Sends a log line to the engine for this run (PutLog; fire-and-forget). */
  void log(String message);
}
