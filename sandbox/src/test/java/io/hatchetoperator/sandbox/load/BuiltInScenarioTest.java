package io.hatchetoperator.sandbox.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class BuiltInScenarioTest {

  @Test
  void isDeterministicWithTwoBurstsInAboutAMinute() {
    Trace trace = BuiltInScenario.trace();
    assertThat(BuiltInScenario.trace()).isEqualTo(trace);
    assertThat(trace.rows()).hasSizeBetween(550, 600);
    assertThat(trace.lastArrivalMs()).isBetween(38_000L, 40_000L);
    assertThat(trace.firstBurstStartMs()).isBetween(5_000L, 5_100L);
    long inSecondBurst = trace.rows().stream().filter(r -> r.arrivalMs() >= 28_000 && r.arrivalMs() < 30_000)
        .count();
    assertThat(inSecondBurst).isGreaterThanOrEqualTo(200);
  }

  @Test
  void firstBurstFallsBackToTheFirstTaskForAnEvenTrace() {
    Trace even = new Trace("even", List.of(new TraceRow(300, 1), new TraceRow(5_000, 1), new TraceRow(9_000, 1)));
    assertThat(even.firstBurstStartMs()).isEqualTo(300);
  }
}
