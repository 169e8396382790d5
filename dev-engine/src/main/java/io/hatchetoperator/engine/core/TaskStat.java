package io.hatchetoperator.engine.core;

/**
 * Queue figures for one task name (task-stats): queued includes tasks waiting for a retry.
 *
 * @param oldestQueuedMillis epoch millis of the oldest queued task, 0 when none
 * @param oldestRunningMillis epoch millis of the oldest running task, 0 when none
 */
public record TaskStat(String name, long queued, long running, long oldestQueuedMillis, long oldestRunningMillis) {}
