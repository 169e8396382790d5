package io.hatchetoperator.chart;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The PromQL reader finds every metric name and nothing else, so the metric-name check cannot pass vacuously. */
class PromQlTest {

  @Test
  void findsMetricsAndSkipsFunctionsLabelsRangesAndKeywords() {
    assertThat(PromQl.metricNames("histogram_quantile(0.95, sum by (tenant, le) "
        + "(rate(x_poll_duration_seconds_bucket{job=\"a\"}[$__rate_interval])))"))
        .containsExactly("x_poll_duration_seconds_bucket");
    assertThat(PromQl.metricNames("max by (namespace, pool) (a) >= max by (namespace, pool) (b)\n"
        + "and max(deriv(c[10m])) > 0 unless on (pool) d offset 5m"))
        .containsExactly("a", "b", "c", "d");
    assertThat(PromQl.metricNames("(sum(up{namespace=\"ops\", job=\"x-metrics\"}) or vector(0)) < 1"))
        .containsExactly("up");
    assertThat(PromQl.metricNames("sum(a) / clamp_min(sum(b), 1) * 100")).containsExactly("a", "b");
  }
}
