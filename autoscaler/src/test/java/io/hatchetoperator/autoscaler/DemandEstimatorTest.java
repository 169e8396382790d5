package io.hatchetoperator.autoscaler;

import static io.hatchetoperator.autoscaler.PoolFixture.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Task duration measured from busy slots and completions (Little's law). */
class DemandEstimatorTest {

    @Test
    void measuresMeanDurationFromBusySlotsAndCompletions() {
        ScalingState s = ScalingState.initial();
        // 10 slots busy all along, 5 completions every 2 s: each task takes 10 * 2 / 5 = 4 s.
        for (int tick = 0; tick <= 60; tick++) {
            s = DemandEstimator.observe(s, at(tick * 2).running(10).ready(1).completed(5L * tick).inputs());
        }

        assertThat(s.taskSeconds()).isCloseTo(4.0, within(0.01));
    }

    @Test
    void unknownWithoutACompletionCounter() {
        ScalingState s = ScalingState.initial();
        for (int tick = 0; tick < 5; tick++) {
            s = DemandEstimator.observe(s, at(tick * 2).running(10).ready(1).inputs());
        }

        assertThat(s.taskSeconds()).isNaN();
    }

    @Test
    void keepsTheEstimateThroughAnIdleHour() {
        ScalingState s = ScalingState.initial();
        for (int tick = 0; tick <= 30; tick++) {
            s = DemandEstimator.observe(s, at(tick * 2).running(10).ready(1).completed(5L * tick).inputs());
        }
        for (int tick = 31; tick <= 1800; tick++) {
            s = DemandEstimator.observe(s, at(tick * 2).ready(1).completed(150).inputs());
        }

        // The busy→idle interval is averaged (trapezoid), so a little slot time without completions is added.
        assertThat(s.taskSeconds()).isCloseTo(4.0, within(0.1));
        assertThat(s.idleSinceMillis()).isEqualTo(PoolFixture.millis(62));
    }
}
