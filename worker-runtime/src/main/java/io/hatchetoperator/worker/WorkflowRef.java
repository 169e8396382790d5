package io.hatchetoperator.worker;

import com.fasterxml.jackson.core.type.TypeReference;
import java.lang.reflect.Type;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A typed workflow: every task receives its input {@code I}; its output {@code O} is read from the object of
 * all task outputs keyed by task name (as the official SDKs return a workflow's result), e.g. a record with
 * one component per task. Declare tasks with {@code task(..)}, each returning its {@link TaskRef}.
 */
public final class WorkflowRef<I, O> implements WorkflowDeclaration {
  private final Workflow workflow;
  private final Type inputType;
  private final Runner<I, O> runner;

  WorkflowRef(Workflow workflow, Type inputType, Runner<I, O> runner) {
    this.workflow = workflow;
    this.inputType = inputType;
    this.runner = runner;
    workflow.inputType(inputType);
  }

  public String name() {
    return workflow.name();
  }

  /** Adds a task with default options. */
  public <T> TaskRef<I, T> task(String name, Class<T> outputType, TaskBody<I, T> body) {
    return task(name, TaskOptions.DEFAULTS, outputType, body);
  }

  /** Adds a task; parents named in {@code options} must be declared before it. */
  public <T> TaskRef<I, T> task(String name, TaskOptions options, Class<T> outputType, TaskBody<I, T> body) {
    return add(name, options, outputType, TaskBodies.of(body));
  }

  /** Adds a task whose output is a generic type, e.g. {@code new TypeReference<List<Item>>() {}}. */
  public <T> TaskRef<I, T> task(String name, TaskOptions options, TypeReference<T> outputType, TaskBody<I, T> body) {
    return add(name, options, outputType.getType(), TaskBodies.of(body));
  }

  /** Adds a durable task ({@code workflow.durableTask} in the TypeScript SDK): it may sleep and wait for events. */
  public <T> TaskRef<I, T> durableTask(String name, Class<T> outputType, TaskBody<I, T> body) {
    return durableTask(name, TaskOptions.DEFAULTS, outputType, body);
  }

  /** Adds a durable task with options (made durable, see {@link TaskOptions#asDurable()}). */
  public <T> TaskRef<I, T> durableTask(String name, TaskOptions options, Class<T> outputType, TaskBody<I, T> body) {
    return add(name, options.asDurable(), outputType, TaskBodies.of(body));
  }

  /** Adds a task whose body answers with a {@link CompletableFuture}. */
  public <T> TaskRef<I, T> asyncTask(String name, TaskOptions options, Class<T> outputType,
      AsyncTaskBody<I, T> body) {
    return add(name, options, outputType, TaskBodies.ofAsync(body));
  }

  /**
   * Declares the task that runs once when a run of this workflow failed; it gets the workflow's input and reads
   * the failures with {@link Context#taskRunErrors()}.
   */
  public <T> TaskRef<I, T> onFailure(String name, TaskOptions options, Class<T> outputType, TaskBody<I, T> body) {
    TaskFunction<I> function = TaskBodies.of(body);
    workflow.onFailure(new TaskDefinition<>(name, options, inputType, function));
    return new TaskRef<>(name, workflow, outputType, null, function);
  }

  private <T> TaskRef<I, T> add(String name, TaskOptions options, Type outputType, TaskFunction<I> function) {
    workflow.add(name, options, inputType, function);
    return new TaskRef<>(name, workflow, outputType, null, function);
  }

  /** Runs the workflow and waits for its output. */
  public O run(I input) {
    return runner.run(input, RunOptions.NONE);
  }

  /** Runs with a priority and additional metadata, and waits. */
  public O run(I input, RunOptions options) {
    return runner.run(input, options);
  }

  public CompletableFuture<O> runAsync(I input) {
    return runner.runAsync(input, RunOptions.NONE);
  }

  public CompletableFuture<O> runAsync(I input, RunOptions options) {
    return runner.runAsync(input, options);
  }

  public RunHandle<O> runNoWait(I input) {
    return runner.runNoWait(input, RunOptions.NONE);
  }

  public RunHandle<O> runNoWait(I input, RunOptions options) {
    return runner.runNoWait(input, options);
  }

  /** Starts a run at {@code at} on the engine's clock; returns the schedule's id. */
  public String schedule(java.time.Instant at, I input) {
    return runner.schedule(at, input, RunOptions.NONE).get(0);
  }

  public List<O> runBulk(List<? extends I> inputs) {
    return runner.runBulk(inputs);
  }

  public List<RunHandle<O>> runBulkNoWait(List<? extends I> inputs) {
    return runner.runBulkNoWait(inputs);
  }

  @Override
  public Workflow workflow() {
    return workflow;
  }

  @Override
  public String toString() {
    return "WorkflowRef[" + workflow.name() + "]";
  }
}
