package io.hatchetoperator.autoscaler.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import io.hatchetoperator.autoscaler.Cordon;
import io.hatchetoperator.autoscaler.PoolFixture;
import io.hatchetoperator.autoscaler.PoolScalingSettings;
import io.hatchetoperator.autoscaler.ScalingInputs;
import io.hatchetoperator.autoscaler.ScalingState;
import io.hatchetoperator.autoscaler.UnmatchedWorkers;
import io.hatchetoperator.autoscaler.WorkerSnapshot;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The scale-down protocol with pods whose worker cannot be matched (SDKs that do not report the pod's name). */
class ScaleDownPlannerTest {

    private static final PoolScalingSettings HOLD = PoolScalingSettings.defaults();
    private static final PoolScalingSettings TERMINATE = HOLD.withUnmatchedWorkers(UnmatchedWorkers.TERMINATE)
            .withStabilization(Duration.ZERO, Duration.ofSeconds(60));

    private final ScaleDownPlanner planner = new ScaleDownPlanner(new VictimSelector());

    private static String[] pods(int n) {
        return IntStream.range(0, n).mapToObj(i -> "pod-" + i).toArray(String[]::new);
    }

    @Test
    void tenUnlabelledBusyWorkersAreNeverRemovedByLoweringTheCount() {
        ScalingInputs in = PoolFixture.at(100).ready(10).running(40).unmatched(pods(10)).inputs();

        ScaleDownPlan plan = planner.plan(in, 2, List.of(), HOLD);

        assertThat(plan.replicas()).isEqualTo(10);
        assertThat(plan.removePods()).isEmpty();
        assertThat(plan.toCordon()).isEmpty();
        assertThat(plan.heldForUnmatched()).isEqualTo(8);
        assertThat(plan.missing()).isZero();
    }

    @Test
    void scaleToZeroIsHeldToo() {
        ScalingInputs in = PoolFixture.at(100).ready(3).unmatched(pods(3)).inputs();

        assertThat(planner.plan(in, 0, List.of(), HOLD).replicas()).isEqualTo(3);
    }

    @Test
    void onlyNotReadyPodsWithNoWorkerGoFirst() {
        ScalingInputs in = PoolFixture.at(100).ready(8).starting(2).running(30).unmatched(pods(8)).inputs();

        ScaleDownPlan plan = planner.plan(in, 2, List.of(), HOLD);

        assertThat(plan.replicas()).isEqualTo(8);
        assertThat(plan.removePods()).isEmpty();
        assertThat(plan.heldForUnmatched()).isEqualTo(6);
    }

    @Test
    void scaleUpStillWorks() {
        ScalingInputs in = PoolFixture.at(100).ready(4).queued(50).unmatched(pods(4)).inputs();

        ScaleDownPlan plan = planner.plan(in, 9, List.of(), HOLD);

        assertThat(plan.replicas()).isEqualTo(9);
        assertThat(plan.heldForUnmatched()).isZero();
    }

    @Test
    void oneUnmatchedPodHoldsTheRemovalOfIdleMatchedWorkersAndUndoesPendingCordons() {
        ScalingInputs in = PoolFixture.at(100).ready(4).worker("a", 0).worker("b", 0).worker("c", 2)
                .unmatched("pod-x").inputs();
        List<Cordon> pending = List.of(new Cordon("a", "pod-a", PoolFixture.millis(98), false));

        ScaleDownPlan plan = planner.plan(in, 1, pending, HOLD);

        assertThat(plan.replicas()).isEqualTo(4);
        assertThat(plan.toCordon()).isEmpty();
        assertThat(plan.toUncordon()).extracting(Cordon::workerId).containsExactly("a");
        assertThat(plan.cordons()).isEmpty();
    }

    @Test
    void withEveryWorkerMatchedTheUsualProtocolRuns() {
        ScalingInputs in = PoolFixture.at(100).ready(3).worker("a", 0).worker("b", 0).worker("c", 2).inputs();

        ScaleDownPlan plan = planner.plan(in, 1, List.of(), HOLD);

        assertThat(plan.toCordon()).extracting(WorkerSnapshot::workerId).containsExactly("a", "b");
        assertThat(plan.heldForUnmatched()).isZero();
    }

    @Test
    void terminateRemovesOneUnmatchedPodPerStabilizationWindow() {
        ScalingInputs first = PoolFixture.at(100).ready(3).running(10).unmatched("pod-z", "pod-y", "pod-x").inputs();

        ScaleDownPlan plan = planner.plan(first, 1, List.of(), TERMINATE);

        assertThat(plan.replicas()).isEqualTo(2);
        assertThat(plan.removePods()).containsExactly("pod-x");
        assertThat(plan.heldForUnmatched()).isEqualTo(1);

        ScalingInputs soon = PoolFixture.at(130).ready(2).running(10).unmatched("pod-z", "pod-y").inputs();
        ScaleDownPlan held = planner.plan(soon, 1, plan.cordons(), TERMINATE);
        assertThat(held.replicas()).isEqualTo(2);
        assertThat(held.removePods()).isEmpty();

        ScalingInputs later = PoolFixture.at(161).ready(2).running(10).unmatched("pod-z", "pod-y").inputs();
        ScaleDownPlan next = planner.plan(later, 1, held.cordons(), TERMINATE);
        assertThat(next.replicas()).isEqualTo(1);
        assertThat(next.removePods()).containsExactly("pod-y");
    }

    @Test
    void terminatePrefersMatchedIdleWorkers() {
        ScalingInputs in = PoolFixture.at(100).ready(2).worker("a", 0).unmatched("pod-x").inputs();

        ScaleDownPlan plan = planner.plan(in, 1, List.of(), TERMINATE);

        assertThat(plan.toCordon()).extracting(WorkerSnapshot::workerId).containsExactly("a");
        assertThat(plan.removePods()).isEmpty();
        assertThat(plan.replicas()).isEqualTo(2);
    }

    @Test
    void noIdlePodIsReleasedWhileAPodWithAWorkerIsNotReady() {
        // d's pod fails its readiness probe while it works: the ReplicaSet would delete it before any named pod
        ScalingInputs in = PoolFixture.at(100).ready(3).starting(1).worker("a", 0).worker("b", 0).worker("c", 0)
                .worker("d", 4).inputs();
        List<Cordon> pending = List.of(new Cordon("a", "pod-a", PoolFixture.millis(98), false));

        ScaleDownPlan plan = planner.plan(in, 3, pending, HOLD);

        assertThat(plan.replicas()).isEqualTo(4);
        assertThat(plan.removePods()).isEmpty();
        assertThat(plan.cordons()).extracting(Cordon::workerId).as("a stays paused, confirmed later")
                .containsExactly("a");
        assertThat(plan.toUncordon()).isEmpty();

        ScalingInputs readyAgain = PoolFixture.at(102).ready(4).worker("a", 0).worker("b", 0).worker("c", 0)
                .worker("d", 4).inputs();
        ScaleDownPlan next = planner.plan(readyAgain, 3, plan.cordons(), HOLD);
        assertThat(next.replicas()).isEqualTo(3);
        assertThat(next.removePods()).containsExactly("pod-a");
    }

    @Test
    void theRemovalOfAnUnmatchedPodSurvivesTheStateForm() {
        ScalingState state = ScalingState.initial().withCordons(List.of(Cordon.unmatchedPod("pod-x", 5)));

        ScalingState decoded = ScalingState.decode(state.encode());

        assertThat(decoded.cordons()).containsExactly(Cordon.unmatchedPod("pod-x", 5));
        assertThat(decoded.cordons().get(0).podOnly()).isTrue();
    }
}
