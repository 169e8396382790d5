package io.hatchetoperator.sandbox.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProbeTrackerTest {

  private static ProbeSpec spec(int failureThreshold, int successThreshold) {
    return new ProbeSpec("liveness", "/livez", 8001, Duration.ZERO, Duration.ofSeconds(10), Duration.ofSeconds(1),
        failureThreshold, successThreshold);
  }

  @Test
  void livenessFailsOnlyAfterThresholdConsecutiveFailures() {
    ProbeTracker t = new ProbeTracker(spec(3, 1), true);
    assertThat(t.record(false)).isTrue();
    assertThat(t.record(false)).isTrue();
    assertThat(t.record(true)).as("a success resets the count").isTrue();
    assertThat(t.record(false)).isTrue();
    assertThat(t.record(false)).isTrue();
    assertThat(t.record(false)).isFalse();
  }

  @Test
  void readinessStartsFailingAndPassesAfterSuccessThreshold() {
    ProbeTracker t = new ProbeTracker(spec(3, 2), false);
    assertThat(t.passing()).isFalse();
    assertThat(t.record(true)).isFalse();
    assertThat(t.record(true)).isTrue();
  }
}
