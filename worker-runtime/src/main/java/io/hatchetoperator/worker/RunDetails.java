package io.hatchetoperator.worker;

import java.util.Map;

/**
 * A run's state from {@code GetRunDetails}: status, whether it is done, its input and one entry per
 * task name (the engine keys task runs by readable id).
 */
public record RunDetails(String runId, String status, boolean done, String inputJson,
    Map<String, TaskRun> taskRuns) {

  public RunDetails {
    taskRuns = Map.copyOf(taskRuns);
  }

  /** One task run: its external id, status, output JSON (if completed) and error (if failed). */
  public record TaskRun(String externalId, String status, String outputJson, String error) {}
}
