package io.hatchetoperator.worker.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A worker's /metrics: its own series under hatchet_worker_ with Prometheus naming, plus build, JVM and process. */
class WorkerMetricsNamesTest {

  @Test
  void servesBuildInfoJvmAndProcessMetricsBesideItsOwn() throws IOException {
    WorkerMetrics metrics = new WorkerMetrics(Map.of("default", 4), type -> 1, () -> 0, () -> false);
    metrics.runtimeMetrics("9.9.9");
    metrics.taskEnded(WorkerMetrics.Outcome.COMPLETED, 0.2);

    String text = scrape(metrics);
    assertThat(text).contains("hatchet_worker_build_info{java_version=\"" + System.getProperty("java.version")
        + "\",version=\"9.9.9\"} 1")
        .contains("hatchet_worker_tasks_total{outcome=\"completed\"} 1.0")
        .contains("hatchet_worker_task_duration_seconds_count 1")
        .contains("jvm_memory_used_bytes{area=\"heap\"}")
        .contains("jvm_threads_current")
        .contains("process_cpu_seconds_total");
    assertThat(text.lines().filter(l -> l.startsWith("hatchet_")))
        .as("the worker's prefix, never the operator's")
        .allMatch(l -> l.startsWith("hatchet_worker_") && !l.startsWith("hatchet_worker_operator_"));
  }

  @Test
  void withoutAHealthServerNoRuntimeMetricsAreRegistered() throws IOException {
    String text = scrape(new WorkerMetrics(Map.of("default", 4), type -> 0, () -> 0, () -> false));
    assertThat(text).doesNotContain("jvm_").doesNotContain("hatchet_worker_build_info");
  }

  private static String scrape(WorkerMetrics metrics) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    metrics.write(out);
    return out.toString(StandardCharsets.UTF_8);
  }
}
