package io.hatchetoperator.engine.core;

import java.util.List;
import java.util.Map;

/**
 * Queue figures for one task name (task-stats): queued includes tasks waiting for a retry, a concurrency slot or a
 * rate limit; the concurrency lists break queued and running tasks down by strategy and key, as Hatchet's
 * {@code TaskStatusStat.concurrency} does ({@code pkg/repository/task.go}, {@code GetTenantTaskStats}).
 *
 * @param oldestQueuedMillis epoch millis of the oldest queued task, 0 when none
 * @param oldestRunningMillis epoch millis of the oldest running task, 0 when none
 */
public record TaskStat(String name, long queued, long running, long oldestQueuedMillis, long oldestRunningMillis,
    List<ConcurrencyStat> queuedConcurrency, List<ConcurrencyStat> runningConcurrency) {

  public TaskStat {
    queuedConcurrency = List.copyOf(queuedConcurrency);
    runningConcurrency = List.copyOf(runningConcurrency);
  }

  /** Tasks of one concurrency strategy by key. */
  public record ConcurrencyStat(String expression, String type, Map<String, Long> keys) {}
}
