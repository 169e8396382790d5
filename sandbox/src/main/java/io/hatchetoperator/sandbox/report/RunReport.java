package io.hatchetoperator.sandbox.report;

import java.util.List;

/**
 * The figures of one sandbox run, written to {@code report.json}.
 *
 * @param trace the trace's name ({@code built-in} for the default scenario)
 * @param tasksSubmitted tasks the load generator triggered
 * @param tasksCompleted tasks whose result came back completed, each counted once
 * @param tasksLost submitted tasks that never completed (failed ones included)
 * @param tasksDuplicated runs whose task executed to completion more than once
 * @param tasksKilled tasks still running when a pod's grace period ended
 * @param queueWaitP50Ms median of (result time - submit time - the task's own sleep), ms
 * @param queueWaitP95Ms 95th percentile of the same, ms
 * @param podSeconds the sum over pods of their lifetime from creation to exit, seconds
 * @param firstScaleUpMs from the first task of the first burst to the first increase of the Deployment's
 *     replicas at or after it, ms; -1 when it never grew
 * @param maxReplicas the highest {@code spec.replicas} seen
 * @param finalReplicas {@code spec.replicas} at the end
 * @param durationMs how long the run took, ms
 * @param scaleEvents how many times {@code spec.replicas} changed
 * @param pools each pool at the end of the run (the figures above are the first pool's replicas and the
 *     tasks of all pools)
 */
public record RunReport(String trace, int tasksSubmitted, int tasksCompleted, int tasksLost, int tasksDuplicated,
    long tasksKilled, long queueWaitP50Ms, long queueWaitP95Ms, double podSeconds, long firstScaleUpMs,
    int maxReplicas, int finalReplicas, long durationMs, int scaleEvents, List<PoolSummary> pools) {

  /** A report without per-pool summaries. */
  public RunReport(String trace, int tasksSubmitted, int tasksCompleted, int tasksLost, int tasksDuplicated,
      long tasksKilled, long queueWaitP50Ms, long queueWaitP95Ms, double podSeconds, long firstScaleUpMs,
      int maxReplicas, int finalReplicas, long durationMs, int scaleEvents) {
    this(trace, tasksSubmitted, tasksCompleted, tasksLost, tasksDuplicated, tasksKilled, queueWaitP50Ms,
        queueWaitP95Ms, podSeconds, firstScaleUpMs, maxReplicas, finalReplicas, durationMs, scaleEvents, List.of());
  }
}
