package io.hatchetoperator.autoscaler;

import static io.hatchetoperator.autoscaler.PoolFixture.at;
import static io.hatchetoperator.autoscaler.PoolFixture.millis;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The policy as a table: inputs at a fixed clock, settings, prior state → replicas and reason. */
class ScalingPolicyTest {

    private static final PoolScalingSettings DEFAULTS = PoolScalingSettings.defaults();
    private static final ScalingState FRESH = ScalingState.initial();

    /** A state whose measured mean task duration is {@code seconds}, with the given history. */
    private static ScalingState measured(double seconds, Recommendation... history) {
        return new ScalingState(List.of(history), -1, seconds * 100, 100, -1, -1, 0, 0, List.of());
    }

    /** A state that saw {@code busy} slots busy on average until 2 s ago. */
    private static ScalingState averaged(double busy, Recommendation... history) {
        return new ScalingState(List.of(history), -1, 100, 100, -1, millis(98), (int) busy, busy, List.of());
    }

    private static ScalingState idleSince(double seconds) {
        return new ScalingState(List.of(new Recommendation(millis(seconds), 1)), millis(seconds), 0, 0, -1, -1, 0,
                0, List.of());
    }

    private static Recommendation rec(double seconds, int replicas) {
        return new Recommendation(millis(seconds), replicas);
    }

    static Stream<Arguments> table() {
        return Stream.of(
                Arguments.of("one queued task wakes a pool at zero", at(100).queued(1).inputs(), DEFAULTS, FRESH,
                        1, ScalingReason.SCALE_FROM_ZERO),
                Arguments.of("unknown duration: one slot per queued task", at(100).queued(130).running(20).ready(2)
                        .inputs(), DEFAULTS, FRESH, 19, ScalingReason.SCALE_UP),
                Arguments.of("1 s tasks drain 130 in 10 s on 13 slots", at(100).queued(130).running(20).ready(2)
                        .inputs(), DEFAULTS, measured(1), 5, ScalingReason.SCALE_UP),
                Arguments.of("30 s tasks: one slot per queued task", at(100).queued(40).running(20).ready(2)
                        .inputs(), DEFAULTS, measured(30), 8, ScalingReason.SCALE_UP),
                Arguments.of("starting pods count as capacity", at(100).queued(130).running(20).ready(2).starting(3)
                        .inputs(), DEFAULTS, measured(1), 5, ScalingReason.STEADY),
                Arguments.of("busy slots kept at 80 %", at(100).running(20).ready(2).inputs(), DEFAULTS,
                        measured(1), 3, ScalingReason.SCALE_UP),
                Arguments.of("capped at maxReplicas", at(100).queued(1000).ready(1).inputs(), DEFAULTS, FRESH, 50,
                        ScalingReason.LIMITED_BY_MAX),
                Arguments.of("held at minReplicas", at(100).ready(2).inputs(), DEFAULTS.withReplicas(2, 10),
                        idleSince(0), 2, ScalingReason.LIMITED_BY_MIN),
                Arguments.of("paused holds", at(100).queued(500).ready(1).inputs(), DEFAULTS.withPaused(true), FRESH,
                        1, ScalingReason.PAUSED),
                Arguments.of("down waits for the window", at(100).running(10).ready(6).inputs(), DEFAULTS,
                        measured(1, rec(70, 6)), 6, ScalingReason.STABILIZING),
                Arguments.of("down after the window", at(100).running(10).ready(6).inputs(), DEFAULTS,
                        measured(1, rec(39, 6), rec(50, 2)), 2, ScalingReason.SCALE_DOWN),
                Arguments.of("never below the slots running now", at(100).running(45).ready(6).inputs(), DEFAULTS,
                        averaged(8, rec(10, 6)), 5, ScalingReason.SCALE_DOWN),
                Arguments.of("sized on averaged busy slots, not one noisy sample", at(100).running(29).ready(3)
                        .inputs(), DEFAULTS, averaged(20, rec(10, 3)), 3, ScalingReason.STEADY),
                Arguments.of("idle, not yet for idleBeforeZero", at(100).ready(1).inputs(), DEFAULTS, idleSince(30),
                        1, ScalingReason.WAITING_FOR_IDLE),
                Arguments.of("idle for idleBeforeZero: to zero", at(100).ready(1).inputs(), DEFAULTS, idleSince(-21),
                        0, ScalingReason.SCALE_TO_ZERO),
                Arguments.of("running work keeps the pool alive", at(100).running(1).ready(1).inputs(), DEFAULTS,
                        idleSince(-500), 1, ScalingReason.STEADY),
                Arguments.of("scale-up step limit", at(100).queued(100).ready(2).inputs(), DEFAULTS.withMaxSteps(3, 1),
                        FRESH, 5, ScalingReason.RATE_LIMITED),
                Arguments.of("scale-down step limit", at(100).ready(9).running(8).inputs(), DEFAULTS.withMaxSteps(3, 2),
                        measured(1, rec(10, 9)), 7, ScalingReason.RATE_LIMITED),
                Arguments.of("up-stabilization takes the window's lowest", at(100).queued(300).ready(2).inputs(),
                        DEFAULTS.withStabilization(Duration.ofSeconds(30), Duration.ofSeconds(60)),
                        measured(1, rec(80, 3)), 3, ScalingReason.SCALE_UP),
                Arguments.of("fresh state holds one window before going down", at(100).ready(6).running(1).inputs(),
                        DEFAULTS, FRESH, 6, ScalingReason.STABILIZING));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void decides(String name, ScalingInputs in, PoolScalingSettings cfg, ScalingState state, int replicas,
            ScalingReason reason) {
        ScalingDecision d = new ScalingPolicy().decide(in, cfg, state).decision();

        assertThat(d.replicas()).as(d.explanation()).isEqualTo(replicas);
        assertThat(d.reason()).as(d.explanation()).isEqualTo(reason);
    }
}
