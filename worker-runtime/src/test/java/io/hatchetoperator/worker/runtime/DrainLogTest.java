package io.hatchetoperator.worker.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The drain's log lines give durations as users write them, never as PT1M or PT0S. */
class DrainLogTest {

  @Test
  void durations_read_as_written() {
    assertThat(WorkerDrain.human(Duration.ofMinutes(1))).isEqualTo("1m");
    assertThat(WorkerDrain.human(Duration.ofSeconds(90))).isEqualTo("90s");
    assertThat(WorkerDrain.human(Duration.ofMillis(1500))).isEqualTo("1500ms");
    assertThat(WorkerDrain.human(Duration.ZERO)).isEqualTo("0s");
  }
}
