package io.hatchetoperator.engine.core;

import java.util.List;

/**
 * A registered workflow version: its tasks in topological order (parents first) and its triggers.
 *
 * @param onFailure the task run once when any task of a run failed (it gets their errors), or null
 * @param concurrency the workflow-level strategy of a DAG (held by each run until it ends), or null
 * @param idempotency its idempotency key setting, or null
 * @param filters its event filters ({@code default_filters}); empty when every matching event runs it
 * @param sticky SOFT or HARD when its tasks stick to one worker, else null
 * @param cronTriggers its cron expressions (checked by {@link CronSpec}); {@code cronInput} is their runs' input
 */
public record WorkflowDef(String id, String versionId, String name, String version, List<TaskDef> tasks,
    List<String> eventTriggers, int defaultPriority, TaskDef onFailure,
    List<String> cronTriggers, String cronInput, String sticky, ConcurrencySpec concurrency,
    List<EventFilters.Filter> filters, IdempotencyKeys.Spec idempotency) {

  public WorkflowDef {
    tasks = List.copyOf(tasks);
    eventTriggers = List.copyOf(eventTriggers);
    cronTriggers = List.copyOf(cronTriggers);
    filters = List.copyOf(filters);
  }

  /** The task with this readable id, or null. */
  public TaskDef task(String readableId) {
    for (TaskDef t : tasks) {
      if (t.readableId().equals(readableId)) {
        return t;
      }
    }
    return null;
  }
}
