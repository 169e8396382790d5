package io.hatchetoperator.operator.autoscaling;

import static org.assertj.core.api.Assertions.assertThat;

import io.hatchetoperator.autoscaler.ScalingDecision;
import io.hatchetoperator.autoscaler.ScalingInputs;
import io.hatchetoperator.autoscaler.ScalingReason;
import io.hatchetoperator.autoscaler.orchestrator.TickResult;
import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Decisions are counted once per decision (not per tick), scale events per change, blocked scale-downs once. */
class AutoscalingMetricsTest {

  private static final String POOL = "team/resizer";
  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final AutoscalingMetrics metrics = new AutoscalingMetrics(registry);

  @Test
  void aDecisionHeldOverManyTicksCountsOnce() throws IOException {
    for (int i = 0; i < 5; i++) {
      tick(3, 3, ScalingReason.STEADY, false, null);
    }
    tick(3, 6, ScalingReason.SCALE_UP, false, inputs(40));
    tick(6, 6, ScalingReason.STEADY, false, inputs(0));
    tick(6, 6, ScalingReason.STEADY, false, inputs(0));

    String text = scrape();
    assertThat(text).contains(series("decisions_total", "reason=\"STEADY\"") + " 2.0")
        .contains(series("decisions_total", "reason=\"SCALE_UP\"") + " 1.0")
        .contains("hatchet_worker_operator_scale_events_total{direction=\"up\",namespace=\"team\","
            + "pool=\"resizer\"} 1.0")
        .doesNotContain("direction=\"down\"")
        .contains(series("pool_queued_tasks", "") + " 0.0")
        .contains(series("pool_slots", "") + " 12.0")
        .contains(series("pool_max_replicas", "") + " 10.0")
        .contains(series("pool_metrics_available", "") + " 1.0");
  }

  @Test
  void aBlockedScaleDownIsCountedWhenItStartsAndShownWhileItLasts() throws IOException {
    tick(4, 4, ScalingReason.SCALE_DOWN, true, inputs(0));
    tick(4, 4, ScalingReason.SCALE_DOWN, true, inputs(0));
    assertThat(scrape()).contains(series("scale_downs_blocked_total", "") + " 1.0")
        .contains(series("pool_scale_down_blocked", "") + " 1.0");

    tick(4, 2, ScalingReason.SCALE_DOWN, false, inputs(0));
    tick(2, 2, ScalingReason.SCALE_DOWN, true, inputs(0));
    String text = scrape();
    assertThat(text).contains(series("scale_downs_blocked_total", "") + " 2.0")
        .contains("direction=\"down\",namespace=\"team\",pool=\"resizer\"} 1.0");
  }

  @Test
  void aDeletedPoolLeavesNoSeries() throws IOException {
    tick(3, 6, ScalingReason.SCALE_UP, false, inputs(40));
    metrics.forget(POOL);
    assertThat(scrape()).doesNotContain("pool=\"resizer\"");
  }

  private void tick(int current, int desired, ScalingReason reason, boolean blocked, ScalingInputs in) {
    TickResult result = new TickResult(POOL, new ScalingDecision(desired, reason, "why"), desired, in != null,
        List.of(), blocked);
    metrics.recordTick(new AutoscalingMetrics.Tick(POOL, current, desired, 0, 10, result, in));
  }

  private static ScalingInputs inputs(int queued) {
    return new ScalingInputs(queued, 2, Duration.ofSeconds(queued > 0 ? 3 : 0), 4, 3, 0, 3, List.of(), -1,
        Instant.EPOCH);
  }

  private static String series(String name, String extraLabel) {
    String labels = "namespace=\"team\",pool=\"resizer\"";
    if (!extraLabel.isEmpty()) {
      labels = labels + "," + extraLabel;
    }
    return "hatchet_worker_operator_" + name + "{" + labels + "}";
  }

  private String scrape() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrometheusTextFormatWriter.create().write(out, registry.scrape(), EscapingScheme.UNDERSCORE_ESCAPING);
    return out.toString(StandardCharsets.UTF_8);
  }
}
