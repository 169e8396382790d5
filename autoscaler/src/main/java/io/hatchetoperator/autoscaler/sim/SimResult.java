package io.hatchetoperator.autoscaler.sim;

import java.util.List;

/**
 * The figures of one policy on one trace (the fields of results.json) and its timeline for the chart.
 *
 * @param trace the trace's base name
 * @param policy operator, hpa or keda
 * @param podSeconds pod lifetime summed over all pods, start-up included
 * @param waitP50Ms median queue wait (arrival to the start of the run that completed)
 * @param waitP95Ms 95th percentile wait
 * @param waitP99Ms 99th percentile wait
 * @param waitMaxMs longest wait
 * @param tasksCompleted tasks that finished
 * @param tasksKilled runs lost because their pod was removed (the task was re-queued)
 * @param scaleEvents replica changes
 * @param firstScaleUpMs from the first task that had to queue to the first replica increase; -1 if none
 * @param timeline samples for the chart
 * @param breakdown where the pod-seconds went (null for the floor row)
 */
public record SimResult(
        String trace,
        String policy,
        double podSeconds,
        long waitP50Ms,
        long waitP95Ms,
        long waitP99Ms,
        long waitMaxMs,
        long tasksCompleted,
        long tasksKilled,
        int scaleEvents,
        long firstScaleUpMs,
        List<Sample> timeline,
        PodSecondsBreakdown breakdown) {
}
