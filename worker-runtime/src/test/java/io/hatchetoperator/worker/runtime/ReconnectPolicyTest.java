package io.hatchetoperator.worker.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.hatchetoperator.worker.config.HatchetSettings.TimingSettings;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Backoff min(0.1·2^n + jitter, 5 s), reset after 5 s of health, give up after the limit. */
class ReconnectPolicyTest {
  private final TimingSettings timing = TimingSettings.defaults();

  @ParameterizedTest(name = "failure {0} waits {1} ms")
  @CsvSource({"1,200", "2,400", "3,800", "4,1600", "5,3200", "6,5000", "7,5000"})
  void doublesFromTwoHundredMillisUpToFiveSeconds(int failures, long expectedMs) {
    ReconnectPolicy policy = new ReconnectPolicy(timing, () -> 0.0);
    OptionalLong delay = OptionalLong.empty();
    for (int i = 0; i < failures; i++) {
      delay = policy.nextDelayMillis(1000L * i);
    }
    assertThat(delay).hasValue(expectedMs);
  }

  @Test
  void addsUpToOneHundredMillisOfJitter() {
    assertThat(new ReconnectPolicy(timing, () -> 0.999).nextDelayMillis(0)).hasValue(299);
  }

  @Test
  void neverGivesUpByDefault() {
    ReconnectPolicy policy = new ReconnectPolicy(timing, () -> 0.0);
    for (int i = 1; i <= 1000; i++) {
      assertThat(policy.nextDelayMillis(i).orElseThrow()).isLessThanOrEqualTo(5000);
    }
  }

  @Test
  void givesUpAfterTheConfiguredFailuresInARow() {
    ReconnectPolicy policy = new ReconnectPolicy(timing.withMaxReconnectAttempts(15), () -> 0.0);
    for (int i = 1; i <= 15; i++) {
      assertThat(policy.nextDelayMillis(i)).isPresent();
    }
    assertThat(policy.nextDelayMillis(16)).isEmpty();
  }

  @Test
  void resetsAfterFiveSecondsOfHealthButNotBefore() {
    ReconnectPolicy policy = new ReconnectPolicy(timing, () -> 0.0);
    policy.nextDelayMillis(0);
    policy.nextDelayMillis(1);
    policy.connected(10_000);
    assertThat(policy.nextDelayMillis(14_999)).hasValue(800);
    policy.connected(20_000);
    assertThat(policy.nextDelayMillis(25_000)).hasValue(200);
  }
}
