package io.hatchetoperator.worker;

import java.lang.reflect.Type;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A typed reference to a declared task: a DAG parent ({@link TaskOptions.Builder#parents(TaskRef[])}), the key of
 * its output in a child ({@link Context#parentOutput(TaskRef)}) and, for a standalone task
 * ({@code hatchet.task(..)}), a way to run it: {@link #run}, {@link #runAsync}, {@link #runNoWait} and the bulk forms.
 */
public final class TaskRef<I, O> implements WorkflowDeclaration {
  private final String name;
  private final Workflow workflow;
  private final Type outputType;
  private final Runner<I, O> runner; // null for a task inside a multi-task workflow
  private final TaskFunction<I> body;

  TaskRef(String name, Workflow workflow, Type outputType, Runner<I, O> runner, TaskFunction<I> body) {
    this.name = name;
    this.workflow = workflow;
    this.outputType = outputType;
    this.runner = runner;
    this.body = body;
  }

  /** The task's name (its readable id in the engine). */
  public String name() {
    return name;
  }

  /** The type its output is decoded to. */
  public Type outputType() {
    return outputType;
  }

  /** The workflow the task belongs to (for a standalone task, a workflow of that one task). */
  @Override
  public Workflow workflow() {
    return workflow;
  }

  /** Runs the task and waits: its output, or {@link TaskFailedException}, {@link RunCancelledException}, ... */
  public O run(I input) {
    return runner().run(input, RunOptions.NONE);
  }

  /** Runs with a priority and additional metadata, and waits. */
  public O run(I input, RunOptions options) {
    return runner().run(input, options);
  }

  /** Runs the task; the future completes with its output or fails with the exceptions of {@link #run}. */
  public CompletableFuture<O> runAsync(I input) {
    return runner().runAsync(input, RunOptions.NONE);
  }

  public CompletableFuture<O> runAsync(I input, RunOptions options) {
    return runner().runAsync(input, options);
  }

  /** Triggers the task and returns at once with a handle (run id, result, cancel). */
  public RunHandle<O> runNoWait(I input) {
    return runner().runNoWait(input, RunOptions.NONE);
  }

  public RunHandle<O> runNoWait(I input, RunOptions options) {
    return runner().runNoWait(input, options);
  }

  /** Starts a run at {@code at} on the engine's clock; returns the schedule's id. */
  public String schedule(java.time.Instant at, I input) {
    return runner().schedule(at, input, RunOptions.NONE).get(0);
  }

  /** Triggers one run per input in one request and waits for all: outputs in input order. */
  public List<O> runBulk(List<? extends I> inputs) {
    return runner().runBulk(inputs);
  }

  /** Triggers one run per input in one request; handles in input order. */
  public List<RunHandle<O>> runBulkNoWait(List<? extends I> inputs) {
    return runner().runBulkNoWait(inputs);
  }

  /**
   * Runs the task's body here, on this thread, with {@code ctx} (a {@code FakeContext} of the worker-testing
   * artifact in unit tests), as the Python SDK's {@code Task.mock_run} does: no engine, no JSON round trip.
   */
  @SuppressWarnings("unchecked")
  public O mockRun(I input, Context ctx) throws Exception {
    return (O) body.run(input, ctx);
  }

  /** Triggers one run per input with its own options (child linkage for {@link Context#runChildren}). */
  List<RunHandle<O>> runBulkNoWait(List<? extends I> inputs, List<RunOptions> options) {
    return runner().runBulkNoWait(inputs, options);
  }

  private Runner<I, O> runner() {
    if (runner == null) {
      throw new IllegalStateException("task '" + name + "' is part of workflow '" + workflow.name()
          + "' and cannot run alone: run the workflow (its WorkflowRef.run) or declare it with hatchet.task(..)");
    }
    return runner;
  }

  @Override
  public String toString() {
    return "TaskRef[" + workflow.name() + ":" + name + "]";
  }
}
