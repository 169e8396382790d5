package io.hatchetoperator.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.hatchetoperator.operator.api.HatchetWorkerPoolStatus;
import io.hatchetoperator.operator.api.LastDecision;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusWriteRuleTest {

  static final Instant POLLED = Instant.parse("2026-12-02T12:00:00Z");

  /** An autoscaled pool's status as the operator writes it after a poll at {@code polled}. */
  static HatchetWorkerPoolStatus status(long queued, long running, double busy, Instant polled) {
    HatchetWorkerPoolStatus s = new HatchetWorkerPoolStatus();
    s.setDesiredReplicas(5);
    s.setReplicas(5);
    s.setReadyReplicas(5);
    s.setMode("Autoscaling");
    s.setQueued(queued);
    s.setRunning(running);
    s.setSlotUtilization(busy);
    s.setBusySlots(Math.round(busy * 100) + "%");
    s.setOldestQueuedAge(queued == 0 ? "0s" : "14s");
    s.setLastPollTime(polled.toString());
    s.setLastDecision(new LastDecision(5, "LIMITED_BY_MAX", "queued " + queued + ", running " + running));
    s.setConditions(new ArrayList<>(List.of(
        new ConditionBuilder().withType("MetricsAvailable").withStatus("True").withReason("EnginePolled")
            .withMessage("the engine's figures: " + queued + " queued").build(),
        new ConditionBuilder().withType("Ready").withStatus("True").withReason("PodsReady")
            .withMessage("5 of 5 pods ready").build())));
    return s;
  }

  @Test
  void theSameFiguresAreNeverWrittenAgainWhateverThePollTime() {
    assertThat(StatusWriteRule.mustWrite(status(40, 50, 1.0, POLLED), status(40, 50, 1.0, POLLED),
        POLLED.plusSeconds(600))).isFalse();
    assertThat(StatusWriteRule.mustWrite(status(0, 0, 0, POLLED), status(0, 0, 0, POLLED.plusSeconds(600)),
        POLLED.plusSeconds(600))).as("an idle pool polled 10 minutes later").isFalse();
  }

  @Test
  void smallDriftsOfTheFiguresWaitUpToThirtySeconds() {
    HatchetWorkerPoolStatus shown = status(40, 50, 1.0, POLLED);
    HatchetWorkerPoolStatus drift = status(37, 50, 1.0, POLLED.plusSeconds(2));
    assertThat(StatusWriteRule.mustWrite(shown, drift, POLLED.plusSeconds(2))).as("2 s later").isFalse();
    assertThat(StatusWriteRule.mustWrite(shown, drift, POLLED.plusSeconds(29))).as("29 s later").isFalse();
    assertThat(StatusWriteRule.mustWrite(shown, drift, POLLED.plusSeconds(30))).as("30 s later").isTrue();
  }

  @Test
  void materialChangesOfTheFiguresAreWrittenAtOnce() {
    HatchetWorkerPoolStatus shown = status(40, 50, 1.0, POLLED);
    Instant now = POLLED.plusSeconds(2);
    assertThat(StatusWriteRule.mustWrite(shown, status(0, 50, 1.0, now), now)).as("queue drained").isTrue();
    assertThat(StatusWriteRule.mustWrite(shown, status(30, 50, 1.0, now), now)).as("queued -25 %").isTrue();
    assertThat(StatusWriteRule.mustWrite(shown, status(40, 35, 0.7, now), now)).as("busy -30 points").isTrue();
    assertThat(StatusWriteRule.mustWrite(shown, status(40, 48, 0.96, now), now)).as("left 100 % busy").isTrue();
    HatchetWorkerPoolStatus idle = status(0, 0, 0, POLLED);
    assertThat(StatusWriteRule.mustWrite(idle, status(1, 0, 0, now), now)).as("a first queued run").isTrue();
  }

  @Test
  void whatIsNotAFigureIsWrittenWheneverItChanges() {
    HatchetWorkerPoolStatus shown = status(40, 50, 1.0, POLLED);
    HatchetWorkerPoolStatus next = status(40, 50, 1.0, POLLED.plusSeconds(2));
    next.setReadyReplicas(4);
    assertThat(StatusWriteRule.mustWrite(shown, next, POLLED.plusSeconds(2))).as("ready replicas").isTrue();

    next = status(39, 50, 1.0, POLLED.plusSeconds(2));
    next.getConditions().get(0).setReason("Unreachable");
    assertThat(StatusWriteRule.mustWrite(shown, next, POLLED.plusSeconds(2))).as("a condition's reason").isTrue();

    next = status(39, 50, 1.0, POLLED.plusSeconds(2));
    next.getConditions().get(1).setMessage("4 of 5 pods ready");
    assertThat(StatusWriteRule.mustWrite(shown, next, POLLED.plusSeconds(2))).as("Ready's message").isTrue();

    next = status(39, 50, 1.0, POLLED.plusSeconds(2));
    next.setLastDecision(new LastDecision(6, "SCALE_UP", "queued 39"));
    assertThat(StatusWriteRule.mustWrite(shown, next, POLLED.plusSeconds(2))).as("the decision").isTrue();
  }

  @Test
  void aManualPoolsStatusIsComparedWhole() {
    HatchetWorkerPoolStatus manual = new HatchetWorkerPoolStatus();
    manual.setDesiredReplicas(3);
    manual.setMode("Manual");
    HatchetWorkerPoolStatus next = StatusWriteRule.withoutFigures(manual);
    assertThat(StatusWriteRule.mustWrite(manual, next, POLLED)).isFalse();
    next.setDesiredReplicas(2);
    assertThat(StatusWriteRule.mustWrite(manual, next, POLLED)).isTrue();
  }
}
