package io.hatchetoperator.autoscaler.orchestrator;

import io.hatchetoperator.autoscaler.Cordon;
import io.hatchetoperator.autoscaler.WorkerSnapshot;
import java.util.List;

/**
 * What one tick does to reach a decision without killing work.
 *
 * @param replicas the replica count to set now (may stop short of the decision while victims are confirmed)
 * @param toCordon workers to pause now (confirmed idle on a following tick)
 * @param toUncordon cordons to undo now
 * @param cordons the cordons to remember after this tick
 * @param missing how many of the wanted removals found no idle worker (0 when none is blocked)
 * @param removePods pods released this tick: confirmed idle, to get the lowest deletion cost
 * @param heldForUnmatched how many of the wanted removals wait because ready pods' workers cannot be matched
 */
public record ScaleDownPlan(int replicas, List<WorkerSnapshot> toCordon, List<Cordon> toUncordon,
        List<Cordon> cordons, int missing, List<String> removePods, int heldForUnmatched) {

    public ScaleDownPlan {
        removePods = List.copyOf(removePods);
        toCordon = List.copyOf(toCordon);
        toUncordon = List.copyOf(toUncordon);
        cordons = List.copyOf(cordons);
    }
}
