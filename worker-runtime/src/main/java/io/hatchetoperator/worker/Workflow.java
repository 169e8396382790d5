package io.hatchetoperator.worker;

import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A workflow declaration: a name and its tasks (a DAG through {@link TaskOptions#parents()}).
 * {@code task(..)} adds a task and returns this workflow, so declarations chain. A standalone task
 * is a workflow of one task with the same name.
 */
public final class Workflow implements WorkflowDeclaration {
  private final String name;
  private final List<TaskDefinition<?>> tasks = new ArrayList<>();
  private Type inputType; // guarded by this: the declared input type, for its JSON Schema
  private WorkflowOptions options = WorkflowOptions.DEFAULTS; // guarded by this
  private TaskDefinition<?> onFailure; // guarded by this
  private String cronInputJson; // guarded by this: options.cronInput() as JSON, written with the instance's mapper

  Workflow(String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("workflow name is empty: give the workflow a name");
    }
    this.name = name;
  }

  /** Adds a task whose input is a JSON object read as a map. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public Workflow task(String taskName, TaskFunction<Map<String, Object>> function) {
    return task(taskName, TaskOptions.DEFAULTS, (Class) Map.class, function);
  }

  /** Adds a task with options whose input is a JSON object read as a map. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public Workflow task(String taskName, TaskOptions options, TaskFunction<Map<String, Object>> function) {
    return task(taskName, options, (Class) Map.class, function);
  }

  /** Adds a task with default options whose input Jackson reads into {@code inputType}. */
  public <I> Workflow task(String taskName, Class<I> inputType, TaskFunction<I> function) {
    return task(taskName, TaskOptions.DEFAULTS, inputType, function);
  }

  /** Adds a task whose input Jackson reads into {@code inputType} (a record, a POJO or a map). */
  public <I> Workflow task(String taskName, TaskOptions options, Class<I> inputType,
      TaskFunction<I> function) {
    add(taskName, options, inputType, function);
    return this;
  }

  /** Adds a task; the first typed input declared becomes the workflow's input type (for its JSON Schema). */
  synchronized <I> TaskDefinition<I> add(String taskName, TaskOptions options, Type inputType,
      TaskFunction<I> function) {
    if (taskName == null || taskName.isBlank()) {
      throw new IllegalArgumentException("task name is empty in workflow '" + name + "': name the task");
    }
    if (tasks.stream().anyMatch(t -> t.name().equals(taskName))) {
      throw new IllegalArgumentException("workflow '" + name + "' already has a task '" + taskName
          + "': give each task its own name");
    }
    for (String parent : options.parents()) {
      if (tasks.stream().noneMatch(t -> t.name().equals(parent))) {
        throw new IllegalArgumentException("task '" + taskName + "' of workflow '" + name
            + "' has parent '" + parent + "', which is not declared before it: declare parents first");
      }
    }
    TaskDefinition<I> task = new TaskDefinition<>(taskName, options, inputType, function);
    tasks.add(task);
    if (this.inputType == null && inputType != Map.class) {
      this.inputType = inputType;
    }
    return task;
  }

  /** Sets the task that runs once when a run of this workflow failed. */
  synchronized void onFailure(TaskDefinition<?> task) {
    if (onFailure != null) {
      throw new IllegalArgumentException("workflow '" + name + "' already has the on-failure task '" + onFailure.name()
          + "': declare one");
    }
    if (tasks.stream().anyMatch(t -> t.name().equals(task.name()))) {
      throw new IllegalArgumentException("workflow '" + name + "' already has a task '" + task.name()
          + "': give the on-failure task its own name");
    }
    this.onFailure = task;
  }

  /** The task that runs when a run failed, if declared. */
  public synchronized Optional<TaskDefinition<?>> onFailureTask() {
    return Optional.ofNullable(onFailure);
  }

  /** Every task a worker serves for this workflow: its tasks, then the on-failure task. */
  public synchronized List<TaskDefinition<?>> servedTasks() {
    List<TaskDefinition<?>> all = new ArrayList<>(tasks);
    if (onFailure != null) {
      all.add(onFailure);
    }
    return List.copyOf(all);
  }

  /** Sets the workflow's options; {@code cronInputJson} is their cron input already written as JSON (or null). */
  synchronized void options(WorkflowOptions options, String cronInputJson) {
    this.options = options;
    this.cronInputJson = cronInputJson;
  }

  /** The workflow's triggers, concurrency limits and default priority. */
  public synchronized WorkflowOptions options() {
    return options;
  }

  /** The input of its cron runs as JSON, if it has one. */
  public synchronized Optional<String> cronInputJson() {
    return Optional.ofNullable(cronInputJson);
  }

  /** Declares the workflow's input type (typed declarations do this first). */
  synchronized void inputType(Type type) {
    this.inputType = type;
  }

  /** The JSON Schema of the workflow's input when it is a record, sent in PutWorkflow's {@code input_json_schema}. */
  public synchronized Optional<String> inputJsonSchema() {
    return JsonSchemas.forInput(inputType).map(Object::toString);
  }

  /** This workflow (a worker serves it as declared). */
  @Override
  public Workflow workflow() {
    return this;
  }

  public String name() {
    return name;
  }

  /** The tasks in declaration order (parents before children). */
  public synchronized List<TaskDefinition<?>> tasks() {
    return List.copyOf(tasks);
  }

  @Override
  public String toString() {
    return "Workflow[" + name + ", tasks=" + tasks.stream().map(TaskDefinition::name).toList() + "]";
  }
}
