package io.hatchetoperator.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import org.junit.jupiter.api.Test;

/** {@code helm lint --strict} finds nothing to say about the chart. */
class ChartLintTest {

  @Test
  void lintIsCleanEvenInStrictMode() {
    LintResult result = new Helm(ChartRenderer.CHART).lint().strict().call();

    assertThat(result.isFailed()).as("lint failed: %s", result.getMessages()).isFalse();
    assertThat(result.getMessages())
        .as("strict lint reports warnings and errors only")
        .noneMatch(m -> m.contains("[WARNING]") || m.contains("[ERROR]"));
  }
}
