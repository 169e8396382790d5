package io.hatchetoperator.operator.autoscaling;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.hatchetoperator.autoscaler.ScalingDecision;
import io.hatchetoperator.autoscaler.ScalingInputs;
import io.hatchetoperator.autoscaler.ScalingReason;
import io.hatchetoperator.autoscaler.WorkerSnapshot;
import io.hatchetoperator.operator.api.HatchetWorkerPoolStatus;
import io.hatchetoperator.operator.autoscaling.AutoscalingOutcome.ConditionValue;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PoolStatusFieldsTest {

  static final Instant T0 = Instant.parse("2026-11-28T12:00:00Z");

  static ScalingInputs inputs() {
    return new ScalingInputs(130, 20, Duration.ofSeconds(12), 10, 2, 0, 2,
        List.of(WorkerSnapshot.of("w1", "p1", 10, 10), WorkerSnapshot.of("w2", "p2", 10, 10)),
        ScalingInputs.UNKNOWN_COMPLETIONS, T0);
  }

  static AutoscalingOutcome outcome(ConditionValue metrics) {
    return new AutoscalingOutcome(7, new ScalingDecision(7, ScalingReason.SCALE_UP,
        "scale 2 → 7: 130 queued, 20/20 slots busy, drain target 10 s"), inputs(), metrics,
        ConditionValue.no("WithinLimits", "ok"), T0, Optional.empty(), Duration.ofSeconds(2), java.util.Map.of());
  }

  static Condition condition(HatchetWorkerPoolStatus status, String type) {
    return status.getConditions().stream().filter(c -> c.getType().equals(type)).findFirst()
        .orElseThrow();
  }

  @Test
  void writesTheFiguresAndTheDecision() {
    HatchetWorkerPoolStatus status = new HatchetWorkerPoolStatus();

    PoolStatusFields.apply(status, outcome(ConditionValue.yes("EnginePolled", "ok")), T0, 3L);

    assertThat(status.getDesiredReplicas()).isEqualTo(7);
    assertThat(status.getQueued()).isEqualTo(130);
    assertThat(status.getRunning()).isEqualTo(20);
    assertThat(status.getSlotUtilization()).isEqualTo(1.0);
    assertThat(status.getBusySlots()).isEqualTo("100%");
    assertThat(status.getOldestQueuedAge()).isEqualTo("12s");
    assertThat(status.getLastScaleTime()).isEqualTo(T0.toString());
    assertThat(status.getLastDecision().reason()).isEqualTo("SCALE_UP");
    assertThat(status.getLastDecision().explanation()).contains("130 queued");
    assertThat(condition(status, PoolStatusFields.METRICS_AVAILABLE).getObservedGeneration())
        .isEqualTo(3L);
  }

  @Test
  void keepsTheTransitionTimeWhileAConditionHoldsAndMovesItOnAChange() {
    HatchetWorkerPoolStatus status = new HatchetWorkerPoolStatus();
    PoolStatusFields.apply(status, outcome(ConditionValue.yes("EnginePolled", "a")), T0, 1L);
    PoolStatusFields.apply(status, outcome(ConditionValue.yes("EnginePolled", "b")),
        T0.plusSeconds(2), 1L);

    assertThat(condition(status, "MetricsAvailable").getLastTransitionTime())
        .isEqualTo(T0.toString());
    assertThat(condition(status, "MetricsAvailable").getMessage()).isEqualTo("b");

    PoolStatusFields.apply(status, outcome(ConditionValue.no("TokenRejected", "c")),
        T0.plusSeconds(4), 1L);

    assertThat(condition(status, "MetricsAvailable").getLastTransitionTime())
        .isEqualTo(T0.plusSeconds(4).toString());
    assertThat(status.getConditions()).hasSize(2);
  }

  @Test
  void updatesAConditionInPlaceSoThatOthersKeepTheirOrder() {
    HatchetWorkerPoolStatus status = new HatchetWorkerPoolStatus();
    PoolStatusFields.apply(status, outcome(ConditionValue.yes("EnginePolled", "a")), T0, 1L);
    status.getConditions().add(new io.fabric8.kubernetes.api.model.ConditionBuilder()
        .withType("Ready").withStatus("True").build());

    PoolStatusFields.apply(status, outcome(ConditionValue.yes("EnginePolled", "b")), T0, 1L);

    assertThat(status.getConditions()).extracting(Condition::getType)
        .containsExactly("MetricsAvailable", "ScalingLimited", "Ready");
  }

  @Test
  void aConditionTypeListedTwiceIsWrittenOnce() {
    HatchetWorkerPoolStatus status = new HatchetWorkerPoolStatus();
    io.fabric8.kubernetes.api.model.Condition twice = new io.fabric8.kubernetes.api.model.ConditionBuilder()
        .withType("WorkersMatched").withStatus("True").withReason("AllMatched").build();
    status.setConditions(new java.util.ArrayList<>(List.of(twice, twice)));

    PoolStatusFields.apply(status, new AutoscalingOutcome(7, null, inputs(),
        ConditionValue.yes("EnginePolled", "a"), ConditionValue.no("WithinLimits", "ok"), T0,
        Optional.empty(), Duration.ofSeconds(2), java.util.Map.of("WorkersMatched",
            ConditionValue.no("PresetLabelsMissing", "pod-a"))), T0, 1L);

    assertThat(status.getConditions()).extracting(Condition::getType)
        .containsExactly("WorkersMatched", "MetricsAvailable", "ScalingLimited");
    assertThat(condition(status, "WorkersMatched").getReason()).isEqualTo("PresetLabelsMissing");
  }
}
