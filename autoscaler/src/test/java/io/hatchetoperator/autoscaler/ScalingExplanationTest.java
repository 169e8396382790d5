package io.hatchetoperator.autoscaler;

import static io.hatchetoperator.autoscaler.PoolFixture.at;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The one-line explanations carry the numbers the decision used. */
class ScalingExplanationTest {

    private final ScalingPolicy policy = new ScalingPolicy();

    @Test
    void scaleUpNamesQueueSlotsAndDrainTarget() {
        ScalingInputs in = at(10).queued(130).running(20).ready(2).inputs();

        ScalingDecision d = policy.decide(in, PoolScalingSettings.defaults(), ScalingState.initial()).decision();

        assertThat(d.explanation()).isEqualTo("scale 2 → 19: 130 queued, 20/20 slots busy, drain target 10 s;"
                + " rule demand: busy slots + backlog at the target utilization");
    }

    @Test
    void namesTheOldestQueuedAgeAndStartingPods() {
        ScalingInputs in = at(10).queued(40).oldestQueued(java.time.Duration.ofMillis(12_500)).running(20).ready(2)
                .starting(3).inputs();

        ScalingDecision d = policy.decide(in, PoolScalingSettings.defaults(), ScalingState.initial()).decision();

        assertThat(d.explanation())
                .isEqualTo("scale 5 → 8: 40 queued (oldest 12.5 s), 20/20 slots busy, 3 starting, drain target 10 s;"
                        + " rule demand: busy slots + backlog at the target utilization");
    }

    @Test
    void holdSaysWhatTheWindowKeeps() {
        ScalingInputs in = at(10).running(3).ready(4).inputs();

        ScalingDecision d = policy.decide(in, PoolScalingSettings.defaults(), ScalingState.initial()).decision();

        assertThat(d.explanation())
                .isEqualTo("hold 4: 0 queued, 3/40 slots busy, drain target 10 s; needs 1, rule break-even: hold"
                        + " 10 s (pod start-up) keeps 4");
    }
}
