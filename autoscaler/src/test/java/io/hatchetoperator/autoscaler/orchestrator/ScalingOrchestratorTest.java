package io.hatchetoperator.autoscaler.orchestrator;

import static io.hatchetoperator.autoscaler.PoolFixture.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.hatchetoperator.autoscaler.PoolFixture;
import io.hatchetoperator.autoscaler.PoolScalingSettings;
import io.hatchetoperator.autoscaler.ScalingReason;
import io.hatchetoperator.autoscaler.WorkerSnapshot;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The orchestrator against recording doubles of its ports: the scale-down protocol step by step. */
class ScalingOrchestratorTest {

    private static final String POOL = "ns/resize";
    /** No scale-down window, so each test shows the protocol alone. */
    private static final PoolScalingSettings CFG =
            PoolScalingSettings.defaults().withStabilization(Duration.ZERO, Duration.ZERO);

    private final TestingMetricsSource metrics = new TestingMetricsSource();
    private final TestingScalingRealizer realizer = new TestingScalingRealizer();
    private final TestingEventSink events = new TestingEventSink();
    private final InMemoryScalingStateStore states = new InMemoryScalingStateStore();
    private ScalingOrchestrator orchestrator;

    @BeforeEach
    void setUp() {
        orchestrator = new ScalingOrchestrator(new ScalingPorts(metrics, realizer, states, events));
    }

    /** Ready pods, one worker w{i} on pod-w{i} each, {@code busy[i]} slots busy on it. */
    private static PoolFixture pool(double seconds, int desired, int... busy) {
        PoolFixture f = at(seconds).ready(busy.length).desired(desired);
        int running = 0;
        for (int i = 0; i < busy.length; i++) {
            f.worker("w" + i, busy[i]);
            running += busy[i];
        }
        return f.running(running);
    }

    private TickResult tick(PoolFixture f) {
        metrics.set(POOL, MetricsReading.of(f.inputs()));
        return orchestrator.tick(POOL, CFG);
    }

    @Test
    void cordonsIdleWorkersThenConfirmsThenLowers() {
        TickResult first = tick(pool(0, 4, 5, 4, 0, 0)); // 9 busy slots: 2 pods at 80 %

        assertThat(realizer.calls()).containsExactly("cordon ns/resize w2", "cordon ns/resize w3");
        assertThat(first.replicas()).isEqualTo(4);
        assertThat(first.decision().replicas()).isEqualTo(2);
        assertThat(first.cordoned()).containsExactly("w2", "w3");

        realizer.clear();
        TickResult second = tick(pool(2, 4, 5, 4, 0, 0));

        assertThat(realizer.calls()).containsExactly("setReplicas ns/resize 2 [pod-w2, pod-w3]");
        assertThat(second.replicas()).isEqualTo(2);
        assertThat(events.types()).containsExactly(ScalingEventType.WORKER_CORDONED,
                ScalingEventType.WORKER_CORDONED, ScalingEventType.SCALED);
        assertThat(events.events().get(2).message()).startsWith("scale 4 → 2: 0 queued, 9/40 slots busy");
    }

    @Test
    void aPartialStepSaysOneScaleAndItsTarget() {
        tick(pool(0, 4, 3, 1, 0, 0));
        realizer.clear();
        tick(pool(2, 4, 3, 1, 0, 0));

        ScalingEvent scaled = events.events().stream().filter(e -> e.type() == ScalingEventType.SCALED)
                .findFirst().orElseThrow();
        assertThat(scaled.message()).startsWith("scale 4 → 2 ").contains("towards 1");
        assertThat(scaled.message().split("scale ", -1)).as("one scale in the message: " + scaled.message())
                .hasSize(2);
    }

    @Test
    void aRequestedCountGoesThroughTheSameProtocolWithoutThePolicy() {
        // busy enough that the policy would keep 4; the request (spec.replicas = 1) wins, but only idle workers go
        metrics.set(POOL, MetricsReading.of(pool(0, 4, 5, 5, 0, 0).queued(20).inputs()));
        TickResult first = orchestrator.tickToward(POOL, CFG, 1, "spec.replicas is 1");

        assertThat(first.decision().reason()).isEqualTo(ScalingReason.REQUESTED);
        assertThat(first.replicas()).as("nothing removed before the pause is confirmed").isEqualTo(4);
        assertThat(realizer.calls()).contains("cordon ns/resize w2", "cordon ns/resize w3")
                .noneMatch(c -> c.startsWith("setReplicas"));

        realizer.clear();
        metrics.set(POOL, MetricsReading.of(pool(2, 4, 5, 5, 0, 0).queued(20).inputs()));
        TickResult second = orchestrator.tickToward(POOL, CFG, 1, "spec.replicas is 1");

        assertThat(realizer.calls()).contains("setReplicas ns/resize 2 [pod-w2, pod-w3]");
        assertThat(second.replicas()).as("busy workers are drained, not removed").isEqualTo(2);
    }

    @Test
    void reversalUncordons() {
        tick(pool(0, 4, 5, 4, 0, 0));
        realizer.clear();

        tick(pool(2, 4, 10, 10, 0, 0).queued(30).oldestQueued(Duration.ofSeconds(5)));

        assertThat(realizer.calls()).containsExactly("uncordon ns/resize w2", "uncordon ns/resize w3",
                "setReplicas ns/resize 6");
        assertThat(events.types()).contains(ScalingEventType.WORKER_UNCORDONED);
    }

    @Test
    void withNoIdleWorkerTheLeastBusyDrainAndGoWhenIdle() {
        tick(pool(0, 4, 3, 2, 1, 1)); // 7 busy slots: 1 pod; the engine spreads tasks, nobody is idle

        assertThat(realizer.calls()).containsExactly("cordon ns/resize w2", "cordon ns/resize w3",
                "cordon ns/resize w1");
        realizer.clear();

        tick(pool(2, 4, 3, 2, 0, 1)); // w2 has finished; w3 and w1 still drain

        assertThat(realizer.calls()).containsExactly("setReplicas ns/resize 3 [pod-w2]");
    }

    @Test
    void aCordonedWorkerThatGotATaskBeforeItsPauseDrainsFirst() {
        tick(pool(0, 4, 5, 4, 0, 0));
        realizer.clear();

        tick(pool(2, 4, 5, 4, 1, 0)); // w2 got a task before the pause landed

        assertThat(realizer.calls()).containsExactly("setReplicas ns/resize 3 [pod-w3]");
        assertThat(states.load(POOL).cordons()).extracting(c -> c.workerId() + (c.released() ? "R" : "P"))
                .containsExactly("w3R", "w2P");
    }

    @Test
    void nothingRemovableWaitsAndSaysSoOnce() {
        // Busy or idle, every worker is paused by someone else or silent: none can be picked.
        PoolFixture f0 = at(0).ready(4).desired(4).running(2);
        PoolFixture f2 = at(2).ready(4).desired(4).running(2);
        for (PoolFixture f : new PoolFixture[] {f0, f2}) {
            f.worker(new WorkerSnapshot("w0", "pod-w0", 1, 10, true, true))
                    .worker(new WorkerSnapshot("w1", "pod-w1", 1, 10, false, false))
                    .worker(new WorkerSnapshot("w2", "pod-w2", 0, 10, true, true))
                    .worker(new WorkerSnapshot("w3", "pod-w3", 0, 10, false, false));
        }

        TickResult first = tick(f0);
        TickResult second = tick(f2);

        assertThat(realizer.calls()).isEmpty();
        assertThat(first.replicas()).isEqualTo(4);
        assertThat(second.scaleDownBlocked()).isTrue();
        assertThat(events.types()).containsOnlyOnce(ScalingEventType.SCALE_DOWN_BLOCKED);
    }

    @Test
    void podsWithoutAWorkerGoFirstWithoutACordon() {
        TickResult r = tick(pool(0, 4, 2, 0).starting(2).desired(4));

        assertThat(realizer.calls()).containsExactly("cordon ns/resize w1", "setReplicas ns/resize 2");
        assertThat(r.replicas()).isEqualTo(2);
    }

    @Test
    void missingMetricsHoldAndNeverScale() {
        tick(pool(0, 4, 5, 4, 0, 0)); // w2, w3 cordoned
        realizer.clear();
        metrics.set(POOL, MetricsReading.unavailable(4, "GET task-stats: 503", PoolFixture.T0));

        TickResult r = orchestrator.tick(POOL, CFG);

        assertThat(realizer.calls()).isEmpty();
        assertThat(r.replicas()).isEqualTo(4);
        assertThat(r.metricsAvailable()).isFalse();
        assertThat(r.decision().reason()).isEqualTo(ScalingReason.METRICS_UNAVAILABLE);
        assertThat(r.decision().explanation()).contains("GET task-stats: 503");
        assertThat(events.types()).endsWith(ScalingEventType.METRICS_UNAVAILABLE);
    }

    @Test
    void pausingAutoscalingHoldsAndGivesCordonedWorkersBack() {
        tick(pool(0, 4, 5, 4, 0, 0));
        realizer.clear();
        metrics.set(POOL, MetricsReading.of(pool(2, 4, 5, 4, 0, 0).inputs()));

        TickResult r = orchestrator.tick(POOL, CFG.withPaused(true));

        assertThat(r.decision().reason()).isEqualTo(ScalingReason.PAUSED);
        assertThat(realizer.calls()).containsExactly("uncordon ns/resize w2", "uncordon ns/resize w3");
    }

    @Test
    void toZeroOnlyAfterTheLastPodsHoldAndThroughTheSameConfirmation() {
        tick(pool(0, 1, 0));
        tick(pool(8, 1, 0));
        assertThat(realizer.calls()).isEmpty(); // idle for 8 s of the 10 s break-even (no task gaps known): it stays

        tick(pool(10, 1, 0));
        assertThat(realizer.calls()).containsExactly("cordon ns/resize w0");

        tick(pool(12, 1, 0));
        assertThat(realizer.calls()).containsExactly("cordon ns/resize w0", "setReplicas ns/resize 0 [pod-w0]");
        assertThat(events.events().get(1).message()).contains("scale 1 → 0", "rule last pod: idle 12 s ≥ 10 s");
    }

    @Test
    void aFailedCordonIsNotRemembered() {
        realizer.failOn("cordon ns/resize w2");
        tick(pool(0, 4, 5, 4, 0, 0));
        realizer.failOn(null);
        realizer.clear();

        tick(pool(2, 4, 5, 4, 0, 0));

        assertThat(realizer.calls()).containsExactly("cordon ns/resize w2", "setReplicas ns/resize 3 [pod-w3]");
    }

    @Test
    void aReleasedWorkerWhosePodStaysIsResumedAfterTheTimeout() {
        tick(pool(0, 2, 5, 0));
        tick(pool(2, 2, 5, 0)); // lowered to 1 for w1
        realizer.clear();

        tick(pool(200, 1, 5, 0)); // the ReplicaSet removed something else: w1 is still here

        assertThat(realizer.calls()).containsExactly("uncordon ns/resize w1");
    }
}
