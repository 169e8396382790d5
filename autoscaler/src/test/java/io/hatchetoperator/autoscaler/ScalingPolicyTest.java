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

    private static ScalingState remembering(ScalingState s, PolicyMemory m) {
        return s.withMemory(m);
    }

    private static PolicyMemory gaps(double millis) {
        return new PolicyMemory(0, -1, 0, -1, -1, -1, -1, -1, millis, List.of(), 0);
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
                Arguments.of("down waits for the break-even hold (pod start-up, 10 s until measured)",
                        at(100).running(10).ready(6).inputs(), DEFAULTS, measured(1, rec(95, 6)), 6,
                        ScalingReason.BREAK_EVEN_HOLD),
                Arguments.of("down after the break-even hold", at(100).running(10).ready(6).inputs(), DEFAULTS,
                        measured(1, rec(89, 6), rec(92, 2)), 2, ScalingReason.SCALE_DOWN),
                Arguments.of("a measured 30 s start-up holds 30 s", at(100).running(10).ready(6).startup(30_000)
                        .inputs(), DEFAULTS, measured(1, rec(75, 6)), 6, ScalingReason.BREAK_EVEN_HOLD),
                Arguments.of("a doubled hold keeps capacity longer", at(100).running(10).ready(6).inputs(), DEFAULTS,
                        remembering(measured(1, rec(85, 6)), new PolicyMemory(40_000, -1, 0, millis(99), -1, -1,
                                -1, -1, -1, List.of(), 0)), 6, ScalingReason.ANTI_FLAP_HOLD),
                Arguments.of("a fixed scale-down window instead of break-even", at(100).running(10).ready(6).inputs(),
                        DEFAULTS.withStabilization(Duration.ZERO, Duration.ofSeconds(60)), measured(1, rec(70, 6)),
                        6, ScalingReason.STABILIZING),
                Arguments.of("never below the slots running now", at(100).running(45).ready(6).inputs(), DEFAULTS,
                        averaged(8, rec(10, 6)), 5, ScalingReason.SCALE_DOWN),
                Arguments.of("sized on averaged busy slots, not one noisy sample", at(100).running(29).ready(3)
                        .inputs(), DEFAULTS, averaged(20, rec(10, 3)), 3, ScalingReason.STEADY),
                Arguments.of("idle, not yet for the break-even hold", at(100).ready(1).inputs(), DEFAULTS,
                        idleSince(95), 1, ScalingReason.WAITING_FOR_IDLE),
                Arguments.of("idle for the break-even hold, tasks rare: to zero", at(100).ready(1).inputs(), DEFAULTS,
                        idleSince(89), 0, ScalingReason.SCALE_TO_ZERO),
                Arguments.of("cost rule: tasks every 20 s keep the last pod for 4 gaps", at(100).ready(1).inputs(),
                        DEFAULTS, remembering(idleSince(40), gaps(20_000)), 1, ScalingReason.WAITING_FOR_IDLE),
                Arguments.of("cost rule: after 4 gaps it goes", at(100).ready(1).inputs(), DEFAULTS,
                        remembering(idleSince(19), gaps(20_000)), 0, ScalingReason.SCALE_TO_ZERO),
                Arguments.of("cost rule: gaps beyond idleBeforeZero release at break-even", at(100).ready(1).inputs(),
                        DEFAULTS, remembering(idleSince(89), gaps(60_000)), 0, ScalingReason.SCALE_TO_ZERO),
                Arguments.of("arrival rate: 10 tasks/s of 2 s need 20 slots (+2 to drain 10) while a queue exists",
                        at(100).queued(10).running(10).ready(1).inputs(), DEFAULTS,
                        remembering(measured(2), new PolicyMemory(0, -1, 0, -1, -1, 10.0, -1, -1, -1, List.of(), 0)),
                        3, ScalingReason.SCALE_UP),
                Arguments.of("without the arrival rate the same queue asks for less",
                        at(100).queued(10).running(10).ready(1).inputs(), DEFAULTS, measured(2), 2,
                        ScalingReason.SCALE_UP),
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
                        DEFAULTS, FRESH, 6, ScalingReason.BREAK_EVEN_HOLD));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void decides(String name, ScalingInputs in, PoolScalingSettings cfg, ScalingState state, int replicas,
            ScalingReason reason) {
        ScalingDecision d = new ScalingPolicy().decide(in, cfg, state).decision();

        assertThat(d.replicas()).as(d.explanation()).isEqualTo(replicas);
        assertThat(d.reason()).as(d.explanation()).isEqualTo(reason);
    }

    @org.junit.jupiter.api.Test
    void aScaleUpSoonAfterAScaleDownDoublesTheHoldWhichDecaysWhenCalm() {
        ScalingPolicy policy = new ScalingPolicy();
        ScalingState s = measured(1, rec(85, 3));
        PolicyResult down = policy.decide(at(100).running(10).ready(3).inputs(), DEFAULTS, s);
        assertThat(down.decision().replicas()).isEqualTo(2);
        assertThat(down.state().memory().lastDownMillis()).isEqualTo(millis(100));

        PolicyResult up = policy.decide(at(104).running(20).queued(100).ready(2).inputs(), DEFAULTS, down.state());
        assertThat(up.decision().replicas()).as(up.decision().explanation()).isEqualTo(3);
        assertThat(up.state().memory().holdMillis()).as("10 s break-even doubled").isEqualTo(20_000);

        PolicyResult held = policy.decide(at(120).running(10).ready(3).inputs(), DEFAULTS, up.state());
        assertThat(held.decision().reason()).as(held.decision().explanation()).isEqualTo(ScalingReason.ANTI_FLAP_HOLD);
        assertThat(held.decision().explanation()).contains("rule anti-flap: hold 20 s");

        PolicyResult calm = policy.decide(at(104 + 6 * 20).running(10).ready(3).inputs(), DEFAULTS, held.state());
        assertThat(calm.state().memory().holdMillis()).as("halved after 6 calm holds, back to break-even").isZero();
    }

    @org.junit.jupiter.api.Test
    void theHoldDoublesAtMostToScaleDownMaxHold() {
        PoolScalingSettings cfg = DEFAULTS.withHolds(Duration.ofSeconds(10), Duration.ofSeconds(30), false);
        ScalingState s = measured(1).withMemory(new PolicyMemory(20_000, millis(99), 1, millis(90), -1, -1, -1, -1,
                -1, List.of(), 0));
        PolicyResult up = new ScalingPolicy().decide(at(100).running(25).ready(2).inputs(), cfg, s);
        assertThat(up.state().memory().holdMillis()).isEqualTo(30_000);
    }

    @org.junit.jupiter.api.Test
    void theAverageReachesZeroWhenNothingIsQueuedOrRunning() {
        ScalingState busy = averaged(30, rec(10, 4));
        ScalingState idle = DemandEstimator.observe(busy, at(100).ready(4).inputs());
        assertThat(idle.averageBusySlots()).isZero();
        assertThat(DemandEstimator.demand(at(100).ready(4).inputs(), DEFAULTS, idle).replicas()).isZero();
    }

    @org.junit.jupiter.api.Test
    void measuresThePodStartUpFromTheInputsAndKeepsItWhenPodsAreGone() {
        ScalingState s = DemandEstimator.observe(FRESH, at(100).ready(1).startup(23_000).inputs());
        assertThat(s.memory().startupMillis()).isEqualTo(23_000);
        ScalingState later = DemandEstimator.observe(s, at(102).inputs());
        assertThat(ScalingPolicy.breakEven(later.memory(), DEFAULTS)).isEqualTo(23_000);
    }
}
