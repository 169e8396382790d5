package io.hatchetoperator.autoscaler;

import static io.hatchetoperator.autoscaler.PoolFixture.at;
import static io.hatchetoperator.autoscaler.PoolFixture.millis;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The finer rules: the scale-up tolerance (a queue younger than a poll is within it), that a tuning value changes the decision, and bad values rejected. */
class PolicyTuningTest {

    private static final PoolScalingSettings DEFAULTS = PoolScalingSettings.defaults();

    /** Two pods whose busy-slot average was {@code busy} until 2 s ago (so it stays near it). */
    private static ScalingState averaged(double busy) {
        return new ScalingState(List.of(new Recommendation(millis(90), 2)), -1, 100, 100, -1, millis(98), (int) busy,
                busy, List.of());
    }

    private static PolicyTuning upTolerance(double value) {
        PolicyTuning d = PolicyTuning.defaults();
        return new PolicyTuning(value, d.scaleDownTolerance(), d.flapHolds(), d.calmHolds(), d.lastPodGaps(),
                d.busySmoothing(), d.arrivalSmoothing(), d.gapWeight(), d.completionHorizon(),
                d.completionEvidence(), d.prewarmSightings(), d.prewarmTolerance(), d.prewarmMinSeparation());
    }

    @Test
    void withNoTaskWaitingAnAverageJustAboveCapacityAddsNoPod() {
        // 17 busy of 2 pods × 10 slots × 0.8 = 16: 6 % over, inside the 10 % tolerance
        ScalingDecision d = new ScalingPolicy().decide(at(100).running(17).ready(2).inputs(), DEFAULTS,
                averaged(17)).decision();

        assertThat(d.replicas()).as(d.explanation()).isEqualTo(2);
        assertThat(d.reason()).isEqualTo(ScalingReason.WITHIN_TOLERANCE);
        assertThat(d.explanation()).contains("rule scale-up tolerance: the busy average asks for 3, within 10 %");
    }

    @Test
    void aTaskThatWaitedAPollAddsThePodAtOnce() {
        ScalingDecision d = new ScalingPolicy().decide(at(100).running(16).queued(1)
                .oldestQueued(Duration.ofSeconds(2)).ready(2).inputs(), DEFAULTS, averaged(16)).decision();

        assertThat(d.replicas()).as(d.explanation()).isEqualTo(3);
        assertThat(d.reason()).isEqualTo(ScalingReason.SCALE_UP);
    }

    @Test
    void aTaskQueuedSinceTheLastPollIsNoiseTheToleranceAbsorbs() {
        ScalingDecision d = new ScalingPolicy().decide(at(100).running(16).queued(1)
                .oldestQueued(Duration.ofMillis(1_500)).ready(2).inputs(), DEFAULTS, averaged(16)).decision();

        assertThat(d.replicas()).as(d.explanation()).isEqualTo(2);
    }

    @Test
    void aZeroToleranceAddsThePodOnTheAverageAlone() {
        ScalingDecision d = new ScalingPolicy().decide(at(100).running(17).ready(2).inputs(),
                DEFAULTS.withTuning(upTolerance(0)), averaged(17)).decision();

        assertThat(d.replicas()).as(d.explanation()).isEqualTo(3);
    }

    @Test
    void anAveragePastTheToleranceAddsThePod() {
        ScalingDecision d = new ScalingPolicy().decide(at(100).running(19).ready(2).inputs(), DEFAULTS,
                averaged(19)).decision();

        assertThat(d.replicas()).as(d.explanation()).isEqualTo(3);
    }

    @Test
    void badValuesNameTheFieldTheValueAndTheFix() {
        assertThatThrownBy(() -> upTolerance(1.5))
                .isInstanceOf(InvalidScalingSetting.class)
                .hasMessage("autoscaling.tuning.scaleUpTolerance is 1.5; use a share from 0 to below 1, e.g. 0.1");
        PolicyTuning d = PolicyTuning.defaults();
        assertThatThrownBy(() -> new PolicyTuning(0.1, 0.1, 0, 6, 4, 1, Duration.ofSeconds(10), 0.25,
                Duration.ofSeconds(120), 5, 3, 0.1, Duration.ofSeconds(60)))
                .hasMessageContaining("autoscaling.tuning.flapHolds is 0");
        assertThatThrownBy(() -> new PolicyTuning(0.1, 0.1, 3, 6, 4, 1, Duration.ZERO, 0.25,
                Duration.ofSeconds(120), 5, 3, 0.1, Duration.ofSeconds(60)))
                .hasMessage("autoscaling.tuning.arrivalSmoothing is 0s; use a positive duration, e.g. 10s");
        assertThat(d.scaleUpTolerance()).isEqualTo(0.1);
    }
}
