package io.hatchetoperator.operator.autoscaling;

import static org.assertj.core.api.Assertions.assertThat;

import io.hatchetoperator.autoscaler.orchestrator.ScalingEvent;
import io.hatchetoperator.autoscaler.orchestrator.ScalingEventType;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One tick's orchestrator events fold into one Event per decision, not one per worker. */
class DecisionEventTest {

  private static final String WHY = "scale 5 → 3: 0 queued, 2/25 slots busy";

  @Test
  void aScaleDownWithItsPausedWorkersIsOneScaledEvent() {
    DecisionEvent event = DecisionEvent.of(List.of(
        event(ScalingEventType.WORKER_CORDONED, "paused idle worker w1 (pod p1) to remove it: " + WHY),
        event(ScalingEventType.WORKER_CORDONED, "paused idle worker w2 (pod p2) to remove it: " + WHY),
        event(ScalingEventType.SCALED, WHY)), WHY).orElseThrow();

    assertThat(event.reason()).isEqualTo("Scaled");
    assertThat(event.warning()).isFalse();
    assertThat(event.message()).isEqualTo(WHY + "; paused idle worker w1 (pod p1) to remove it;"
        + " paused idle worker w2 (pod p2) to remove it");
  }

  @Test
  void pausingWorkersAloneIsOneWorkerCordonedEvent() {
    DecisionEvent event = DecisionEvent.of(List.of(
        event(ScalingEventType.WORKER_CORDONED, "paused idle worker w1 (pod p1) to remove it: " + WHY),
        event(ScalingEventType.WORKER_CORDONED, "paused busy worker w2 (pod p2) to drain and remove it: " + WHY)),
        WHY).orElseThrow();

    assertThat(event.reason()).isEqualTo("WorkerCordoned");
    assertThat(event.message()).isEqualTo("paused idle worker w1 (pod p1) to remove it: " + WHY
        + "; paused busy worker w2 (pod p2) to drain and remove it");
  }

  @Test
  void aBlockedScaleDownIsAWarning() {
    DecisionEvent event = DecisionEvent.of(List.of(event(ScalingEventType.SCALE_DOWN_BLOCKED,
        "waiting: 2 fewer pods wanted but no idle worker to remove; " + WHY)), WHY).orElseThrow();
    assertThat(event.reason()).isEqualTo("ScaleDownBlocked");
    assertThat(event.warning()).isTrue();
    assertThat(DecisionEvent.of(List.of(), WHY)).isEmpty();
  }

  private static ScalingEvent event(ScalingEventType type, String message) {
    return new ScalingEvent("team/pool", type, message, Instant.EPOCH);
  }
}
