package io.hatchetoperator.operator.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.hatchetoperator.operator.api.AutoscalingSpec;
import io.hatchetoperator.operator.api.HatchetWorkerPool;
import io.hatchetoperator.operator.api.HatchetWorkerPoolStatus;
import io.hatchetoperator.operator.api.LastDecision;
import io.hatchetoperator.operator.support.Pools;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Where Deployment.spec.replicas comes from, in each mode. */
class ReplicaTargetTest {

    @ParameterizedTest(name = "replicas={0} -> {1}")
    @CsvSource(nullValues = "null", value = {"null, 1", "0, 0", "3, 3"})
    void manualPoolsTakeSpecReplicas(Integer replicas, int expected) {
        HatchetWorkerPool pool = Pools.pool("p", Pools.spec(replicas, null, Pools.template("img")));
        assertThat(ReplicaTarget.of(pool)).isEqualTo(new ReplicaTarget(expected, ReplicaTarget.Mode.Manual));
    }

    @ParameterizedTest(name = "min={0} max={1} desired={2} decided={3} paused={4} -> {5}")
    @CsvSource(nullValues = "null", value = {
        // before the first decision: minReplicas, at least 1
        "0, 10, null, false, false, 1",
        "3, 10, null, false, false, 3",
        "3, 10, 7, false, false, 3",   // a desiredReplicas without a decision is the operator's own placeholder
        // after a decision: the decision, kept within the bounds
        "0, 10, 0, true, false, 0",
        "1, 10, 7, true, false, 7",
        "1, 5, 7, true, false, 5",
        "4, 10, 2, true, false, 4",
        // paused: hold the last decision as it is
        "1, 5, 7, true, true, 7"})
    void autoscaledPoolsTakeTheLastDecision(int min, int max, Integer desired, boolean decided, boolean paused,
                                            int expected) {
        AutoscalingSpec autoscaling = new AutoscalingSpec(min, max, null, null, null, null, null, null, paused);
        HatchetWorkerPool pool = Pools.pool("p", Pools.spec(null, autoscaling, Pools.template("img")));
        HatchetWorkerPoolStatus status = new HatchetWorkerPoolStatus();
        status.setDesiredReplicas(desired);
        status.setLastDecision(decided ? new LastDecision(desired, "QueueBacklog", "test") : null);
        pool.setStatus(status);
        assertThat(ReplicaTarget.of(pool)).isEqualTo(new ReplicaTarget(expected, ReplicaTarget.Mode.Autoscaling));
    }
}
