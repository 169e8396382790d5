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

    /** Four ready pods; {@code busy[i]} slots busy on worker w{i}. */
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
        TickResult first = tick(pool(0, 4, 3, 2, 0, 0));

        assertThat(realizer.calls()).containsExactly("cordon ns/resize w2", "cordon ns/resize w3");
        assertThat(first.replicas()).isEqualTo(4);
        assertThat(first.decision().replicas()).isEqualTo(2);

        realizer.clear();
        TickResult second = tick(pool(2, 4, 3, 2, 0, 0));

        assertThat(realizer.calls()).containsExactly("setReplicas ns/resize 2");
        assertThat(second.replicas()).isEqualTo(2);
        assertThat(events.types()).containsExactly(ScalingEventType.WORKER_CORDONED,
                ScalingEventType.WORKER_CORDONED, ScalingEventType.SCALED);
        assertThat(events.events().get(2).message()).startsWith("scale 4 → 2: 0 queued, 5/40 slots busy");
    }

    @Test
    void reversalUncordons() {
        tick(pool(0, 4, 3, 2, 0, 0));
        realizer.clear();

        tick(pool(2, 4, 10, 10, 0, 0).queued(30));

        assertThat(realizer.calls()).containsExactly("uncordon ns/resize w2", "uncordon ns/resize w3",
                "setReplicas ns/resize 7");
    }

    @Test
    void aCordonedWorkerThatGotATaskIsResumedAndAnotherIsPicked() {
        tick(pool(0, 4, 3, 2, 1, 0)); // needs 1 fewer... w3 idle only
        assertThat(realizer.calls()).containsExactly("cordon ns/resize w3");
        realizer.clear();

        tick(pool(2, 4, 3, 0, 1, 1)); // w3 got a task before the pause landed; w1 is idle now

        assertThat(realizer.calls()).containsExactly("uncordon ns/resize w3", "cordon ns/resize w1");
    }

    @Test
    void nothingIdleWaitsAndSaysSoOnce() {
        // Two busy workers; the idle ones cannot be removed: one is paused by someone else, one is silent.
        WorkerSnapshot pausedByUser = new WorkerSnapshot("w2", "pod-w2", 0, 10, true, true);
        WorkerSnapshot silent = new WorkerSnapshot("w3", "pod-w3", 0, 10, false, false);
        TickResult first = tick(pool(0, 4, 1, 1).ready(4).desired(4).worker(pausedByUser).worker(silent));
        TickResult second = tick(pool(2, 4, 1, 1).ready(4).desired(4).worker(pausedByUser).worker(silent));

        assertThat(realizer.calls()).isEmpty();
        assertThat(first.replicas()).isEqualTo(4);
        assertThat(second.scaleDownBlocked()).isTrue();
        assertThat(events.types()).containsOnlyOnce(ScalingEventType.SCALE_DOWN_BLOCKED);
    }

    @Test
    void podsWithoutAWorkerGoFirstWithoutACordon() {
        TickResult r = tick(pool(0, 4, 2, 0).starting(2).desired(4));

        assertThat(realizer.calls()).containsExactly("cordon ns/resize w1", "setReplicas ns/resize 2")
                .doesNotContain("cordon ns/resize w0");
        assertThat(r.replicas()).isEqualTo(2);
    }

    @Test
    void missingMetricsHoldAndNeverScale() {
        tick(pool(0, 4, 3, 2, 0, 0)); // w2, w3 cordoned
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
    void aFailedCordonIsNotRemembered() {
        realizer.failOn("cordon ns/resize w2");
        tick(pool(0, 4, 3, 2, 0, 0));
        realizer.failOn(null);
        realizer.clear();

        tick(pool(2, 4, 3, 2, 0, 0));

        assertThat(realizer.calls()).containsExactly("cordon ns/resize w2", "setReplicas ns/resize 3");
    }

    @Test
    void aReleasedWorkerWhosePodStaysIsResumedAfterTheTimeout() {
        tick(pool(0, 2, 5, 0));
        tick(pool(2, 2, 5, 0)); // lowered to 1 for w1
        realizer.clear();

        tick(pool(200, 1, 5, 0).worker(WorkerSnapshot.of("w9", "pod-w9", 0, 10)).desired(1));

        assertThat(realizer.calls()).contains("uncordon ns/resize w1");
    }
}
