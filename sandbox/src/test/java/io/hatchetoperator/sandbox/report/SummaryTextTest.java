package io.hatchetoperator.sandbox.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The summary a user reads: "none" where nothing happened, never -1 ms or a percentile of nothing. */
class SummaryTextTest {

  @Test
  void nothing_happened_reads_none() {
    RunReport idle = new RunReport("t", 0, 0, 0, 0, 0, 0, 0, 12.0, -1, 1, 1, 1000, 0);
    String text = SummaryText.render(idle, Path.of("r/report.html"));
    assertThat(text).contains("queue wait: none (no task completed)").contains("first scale-up: none")
        .doesNotContain("-1 ms").doesNotContain("p95 0 ms");
  }

  @Test
  void figures_read_as_measured() {
    RunReport run = new RunReport("t", 10, 10, 0, 0, 0, 0, 1500, 12.0, 2300, 4, 1, 1000, 3);
    String text = SummaryText.render(run, Path.of("r/report.html"));
    assertThat(text).contains("queue wait: p50 0 ms, p95 1500 ms").contains("first scale-up 2300 ms after the first"
        + " burst").contains("tasks: 10 submitted, 10 completed, 0 lost");
  }
}
