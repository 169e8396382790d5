package io.hatchetoperator.sandbox.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PoolSummaryTextTest {

  @Test
  void eachPoolIsSummedUpWithItsRestartsAndConditions() {
    PoolSummary ts = new PoolSummary("ts", 4, 4, 1, List.of(new PoolSummary.PoolCondition("WorkersMatched",
        "False", "PresetLabelsMissing", "pods ts-a, ts-b report no pod label")));
    RunReport r = new RunReport("t", 10, 10, 0, 0, 0, 0, 1500, 12.0, 2300, 4, 4, 1000, 1, List.of(ts));
    assertThat(SummaryText.render(r, null))
        .contains("pool ts: replicas max 4, final 4; 1 container restart\n")
        .contains("  WorkersMatched=False PresetLabelsMissing: pods ts-a, ts-b report no pod label");
    assertThat(ts.condition("WorkersMatched").status()).isEqualTo("False");
    assertThat(ts.condition("Ready")).isNull();
  }
}
