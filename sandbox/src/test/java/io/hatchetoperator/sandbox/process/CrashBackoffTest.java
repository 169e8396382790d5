package io.hatchetoperator.sandbox.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CrashBackoffTest {

  @Test
  void doublesFromTenSecondsUpToFiveMinutesAndResetsAfterTenMinutesOfRunning() {
    CrashBackoff b = new CrashBackoff();
    Duration shortRun = Duration.ofSeconds(1);
    assertThat(b.next(shortRun)).isEqualTo(Duration.ofSeconds(10));
    assertThat(b.next(shortRun)).isEqualTo(Duration.ofSeconds(20));
    assertThat(b.next(shortRun)).isEqualTo(Duration.ofSeconds(40));
    for (int i = 0; i < 10; i++) {
      b.next(shortRun);
    }
    assertThat(b.next(shortRun)).isEqualTo(Duration.ofMinutes(5));
    assertThat(b.next(Duration.ofMinutes(10))).isEqualTo(Duration.ofSeconds(10));
  }
}
