package io.hatchetoperator.operator.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.hatchetoperator.operator.api.AutoscalingSource;
import io.hatchetoperator.operator.api.AutoscalingSpec;
import io.hatchetoperator.operator.api.HatchetWorkerPool;
import io.hatchetoperator.operator.api.HatchetWorkerPoolStatus;
import io.hatchetoperator.operator.api.LastDecision;
import io.hatchetoperator.operator.support.Pools;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Where Deployment.spec.replicas comes from, in each mode, and that a mode switch never cuts pods at once. */
class ReplicaTargetTest {

    @ParameterizedTest(name = "replicas={0} running={1} desired={2} -> {3}")
    @CsvSource(nullValues = "null", value = {
        "null, null, null, 1",   // a new pool without spec.replicas: one worker
        "0, 4, 4, 0",            // an explicit count is the request (lowered safely by the reconciler)
        "3, 8, 8, 3",
        "null, 8, 8, 8",         // autoscaling removed, spec.replicas unset: keep the last count
        "null, null, 6, 6",      // no Deployment seen yet: the last count in the status
        "null, 5, 7, 5"})        // the Deployment is what runs
    void manualPoolsTakeSpecReplicasOrKeepTheCountInForce(Integer replicas, Integer running, Integer desired,
                                                           int expected) {
        HatchetWorkerPool pool = Pools.pool("p", Pools.spec(replicas, null, Pools.template("img")));
        HatchetWorkerPoolStatus status = new HatchetWorkerPoolStatus();
        status.setDesiredReplicas(desired);
        assertThat(ReplicaTarget.of(pool.getSpec(), status, running))
                .isEqualTo(new ReplicaTarget(expected, ReplicaTarget.Mode.Manual));
    }

    @ParameterizedTest(name = "min={0} max={1} running={2} desired={3} decided={4} paused={5} -> {6}")
    @CsvSource(nullValues = "null", value = {
        // before the first decision, no Deployment: minReplicas, at least 1
        "0, 10, null, null, false, false, 1",
        "3, 10, null, null, false, false, 3",
        // entering autoscaling: start from the count in force (never cut at once), raised to minReplicas
        "1, 10, 8, 8, false, false, 8",
        "1, 5, 8, 8, false, false, 8",
        "10, 20, 8, 8, false, false, 10",
        "3, 10, null, 7, false, false, 7",
        // after a decision: the decision, raised to minReplicas; never cut to maxReplicas here
        "0, 10, 3, 0, true, false, 0",
        "1, 10, 3, 7, true, false, 7",
        "1, 5, 7, 7, true, false, 7",
        "4, 10, 2, 2, true, false, 4",
        // paused: hold the last decision as it is
        "1, 5, 7, 7, true, true, 7"})
    void autoscaledPoolsTakeTheLastDecision(int min, int max, Integer running, Integer desired, boolean decided,
                                            boolean paused, int expected) {
        AutoscalingSpec autoscaling = new AutoscalingSpec(min, max, null, null, null, null, null, null, paused);
        HatchetWorkerPool pool = Pools.pool("p", Pools.spec(null, autoscaling, Pools.template("img")));
        HatchetWorkerPoolStatus status = new HatchetWorkerPoolStatus();
        status.setDesiredReplicas(desired);
        status.setLastDecision(decided ? new LastDecision(desired, "QueueBacklog", "test") : null);
        assertThat(ReplicaTarget.of(pool.getSpec(), status, running))
                .isEqualTo(new ReplicaTarget(expected, ReplicaTarget.Mode.Autoscaling));
    }

    @ParameterizedTest(name = "min {0} max {1}: spec.replicas {2}, running {3} -> {4}")
    @CsvSource(nullValues = "null", value = {
        // the external autoscaler's spec.replicas, kept within min/maxReplicas
        "1, 10, 4, 2, 4",
        "1, 10, 2, 4, 2",
        "2, 10, 0, 4, 2",
        "1, 5, 9, 4, 5",
        "0, 10, 0, 3, 0",
        // not written yet: the count in force (the Deployment's, else the status's 7)
        "1, 10, null, 6, 6",
        "1, 10, null, null, 7",
        "1, 5, null, null, 5"})
    void externalSourceTakesSpecReplicasWithinTheBounds(int min, int max, Integer replicas, Integer running,
                                                        int expected) {
        AutoscalingSpec autoscaling = new AutoscalingSpec(min, max, null, null, null, null, null, null, null, null,
                null, null, AutoscalingSource.EXTERNAL);
        HatchetWorkerPool pool = Pools.pool("p", Pools.spec(replicas, autoscaling, Pools.template("img")));
        HatchetWorkerPoolStatus status = new HatchetWorkerPoolStatus();
        status.setDesiredReplicas(7); // an earlier decision of the operator's own is not used
        status.setLastDecision(new LastDecision(7, "QueueBacklog", "test"));
        assertThat(ReplicaTarget.of(pool.getSpec(), status, running))
                .isEqualTo(new ReplicaTarget(expected, ReplicaTarget.Mode.External));
        HatchetWorkerPool fresh = Pools.pool("p", Pools.spec(null, autoscaling, Pools.template("img")));
        assertThat(ReplicaTarget.of(fresh).replicas()).as("a new pool with nothing written: minReplicas, at least 1")
                .isEqualTo(Math.max(1, min));
    }
}
