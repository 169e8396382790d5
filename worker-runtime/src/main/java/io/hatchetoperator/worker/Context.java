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

  /**
   * The action's {@code parent_workflow_run_id}, empty for a run that is not a child. As the TypeScript SDK's
   * {@code ctx.parentWorkflowRunId()} it holds, despite its name, the parent <em>task run's</em> external id:
   * Hatchet fills it from the child's {@code ParentTaskExternalID} ({@code internal/services/dispatcher/
   * subscribed_worker_v1.go}).
   */
  java.util.Optional<String> parentWorkflowRunId();

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

  /**
   * In an on-failure task, the failed tasks of the run: task name to its parsed error (the engine's
   * {@code step_run_errors}); empty in other tasks.
   */
  Map<String, TaskFailure> taskRunErrors();

  /** Sends an INFO log line to the engine for this run (queued, never blocks; see {@link #log(LogLevel, String)}). */
  default void log(String message) {
    log(LogLevel.INFO, message);
  }

  /**
   * Sends a log line with a level to the engine for this run (PutLog, shown with the task in the dashboard). Lines
   * are queued and sent by one thread per worker; when 1,000 lines wait, further lines are dropped with a warning.
   */
  void log(LogLevel level, String message);

  /**
   * Streams a chunk to the run's stream subscribers ({@link RunHandle#stream}): PutStreamEvent, sent in order from
   * the task's thread; a chunk that cannot be sent is logged and skipped, the task goes on.
   */
  void putStream(String chunk);

  /** The levels of task log lines, as the Python SDK names them ({@code LogLevel} in {@code utils/typing.py}). */
  enum LogLevel { DEBUG, INFO, WARN, ERROR }

  /**
   * The index of this task run's next child (0, 1, ...). A retried attempt counts from 0 again, so it gets the
   * children its earlier attempt spawned instead of new ones (the engine keys children by parent task run and index).
   */
  int nextChildIndex();

  /** Runs a child of this task and waits for its output (parent linkage for the engine and the dashboard). */
  default <I, O> O runChild(TaskRef<I, O> child, I input) {
    return child.runNoWait(input, childOptions(null)).result();
  }

  /** Runs a child workflow and waits for its output. */
  default <I, O> O runChild(WorkflowRef<I, O> child, I input) {
    return child.runNoWait(input, childOptions(null)).result();
  }

  /**
   * Runs one child per input in one request and waits for all: outputs in input order (children get consecutive
   * indexes, so a retried parent gets the same children back).
   */
  default <I, O> java.util.List<O> runChildren(TaskRef<I, O> child, java.util.List<? extends I> inputs) {
    java.util.List<RunOptions> options = inputs.stream().map(i -> childOptions(null)).toList();
    return child.runBulkNoWait(inputs, options).stream().map(RunHandle::result).toList();
  }

  /** Starts a child of this task with a {@code key} (one child per key) and returns its handle at once. */
  default <I, O> RunHandle<O> runChildNoWait(TaskRef<I, O> child, I input, String key) {
    return child.runNoWait(input, childOptions(key));
  }

  /** Run options linking a child to this task run: the next child index and {@code key} (may be null). */
  default RunOptions childOptions(String key) {
    return RunOptions.NONE.childOf(new RunOptions.ChildOf(workflowRunId(), taskRunExternalId(), nextChildIndex(), key));
  }

  /** Whether this task was declared durable ({@link TaskOptions.Builder#durable()}): only then may it sleep or wait. */
  boolean isDurable();

  /**
   * Durably sleeps for {@code duration} (whole seconds, a fraction rounds up) and returns how long the engine says
   * it slept: the engine keeps the timer, so the sleep lasts across worker restarts. Only in a durable task; a
   * cancelled run stops waiting with {@link RunCancelledException}.
   */
  java.time.Duration sleepFor(java.time.Duration duration);

  /**
   * Durably waits for the next event {@code key} whose payload matches the CEL {@code expression} (empty or null: any),
   * and returns its payload decoded to {@code type}. Only in a durable task.
   */
  <T> T waitForEvent(String key, String expression, java.lang.reflect.Type type);

  /** {@link #waitForEvent(String, String, java.lang.reflect.Type)} decoded to a class (a record, a POJO, a map). */
  default <T> T waitForEvent(String key, String expression, Class<T> type) {
    return waitForEvent(key, expression, (java.lang.reflect.Type) type);
  }

  /** {@link #waitForEvent(String, String, java.lang.reflect.Type)} decoded to a generic type. */
  default <T> T waitForEvent(String key, String expression, com.fasterxml.jackson.core.type.TypeReference<T> type) {
    return waitForEvent(key, expression, type.getType());
  }

  /**
   * Durably sleeps until {@code wakeAt}, counted from {@link #now()} (so a replay sleeps to the same instant), in whole
   * seconds rounded up and at least 0, as the TypeScript SDK's {@code sleepUntil}. Only in a durable task.
   */
  java.time.Duration sleepUntil(java.time.Instant wakeAt);

  /** The worker's time at this run's first call to {@code now()}, the same on every replay (a {@link #memo}). */
  java.time.Instant now();

  /**
   * The value {@code compute} returned the first time this run asked for {@code deps}, stored in the run's durable
   * event log: a replay (the run moved to another worker) gets it back instead of computing again. Only in a
   * durable task; {@code compute}'s exception fails the call and nothing is stored.
   */
  <T> T memo(java.util.List<?> deps, java.lang.reflect.Type type, java.util.concurrent.Callable<T> compute)
      throws Exception;

  /** {@link #memo(java.util.List, java.lang.reflect.Type, java.util.concurrent.Callable)} typed by a class. */
  default <T> T memo(java.util.List<?> deps, Class<T> type, java.util.concurrent.Callable<T> compute)
      throws Exception {
    return memo(deps, (java.lang.reflect.Type) type, compute);
  }

  /**
   * Durably waits for the next event {@code key} matching {@code expression} or for {@code timeout} (whole seconds, a
   * fraction rounds up), whichever comes first: the event's payload decoded to {@code type}, or empty on timeout.
   */
  <T> java.util.Optional<T> waitForEvent(String key, String expression, java.lang.reflect.Type type,
      java.time.Duration timeout);

  /** {@link #waitForEvent(String, String, java.lang.reflect.Type, java.time.Duration)} decoded to a class. */
  default <T> java.util.Optional<T> waitForEvent(String key, String expression, Class<T> type,
      java.time.Duration timeout) {
    return waitForEvent(key, expression, (java.lang.reflect.Type) type, timeout);
  }

  /** {@link #waitForEvent(String, String, java.lang.reflect.Type)} as a map of the payload's fields. */
  default Map<String, Object> waitForEvent(String key, String expression) {
    return waitForEvent(key, expression, new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() {});
  }
}
