package io.hatchetoperator.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.hatchetoperator.engine.DevEngine;
import io.hatchetoperator.engine.DevEngineSettings;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The official TypeScript SDK declares each feature the dev engine enforces and a behavioural check reads what its
 * tasks saw (their start and end times): each check would fail on an engine that accepted the option and ignored it.
 */
class ConformanceIT {

  private static DevEngine engine;
  private static Process worker;
  /** What the client saw in every scenario (one node process for all four, to keep the suite short). */
  private static JsonNode seen;

  @BeforeAll
  static void start() throws Exception {
    engine = DevEngine.start(DevEngineSettings.ephemeral());
    worker = NodeScript.start(engine, "conf-worker", "conformance-worker.js");
    await().atMost(Duration.ofSeconds(30)).until(() -> engine.scheduler().workers().stream()
        .filter(w -> w.status().equals("ACTIVE")).count() == 2);
    seen = NodeScript.result(engine, "conf-client", Duration.ofSeconds(60), "conformance-client.js", "all", "t42");
  }

  @AfterAll
  static void stop() {
    if (worker != null) {
      worker.destroyForcibly();
    }
    engine.close();
  }

  private static JsonNode client(String mode) {
    return seen.get(mode);
  }

  @Test
  void runs_of_one_concurrency_key_never_overlap_while_other_keys_run_alongside() throws Exception {
    JsonNode r = client("concurrency");
    assertThat(r.has("error")).as(r.toString()).isFalse();
    List<long[]> a = new ArrayList<>();
    List<long[]> b = new ArrayList<>();
    r.get("runs").forEach(run -> (run.get("group").asText().equals("a") ? a : b)
        .add(new long[] {run.get("start").asLong(), run.get("end").asLong()}));
    assertThat(a).hasSize(3);
    a.sort((x, y) -> Long.compare(x[0], y[0]));
    for (int i = 1; i < a.size(); i++) {
      assertThat(a.get(i)[0]).as("run %d of key a starts after run %d ended: %s", i, i - 1, r).isGreaterThanOrEqualTo(
          a.get(i - 1)[1]);
    }
    assertThat(b).anyMatch(x -> a.stream().anyMatch(y -> x[0] < y[1] && y[0] < x[1]))
        .as("key b ran alongside key a");
  }

  @Test
  void a_rate_limit_of_two_per_second_spreads_six_starts_over_three_seconds() throws Exception {
    JsonNode r = client("rate");
    assertThat(r.has("error")).as(r.toString()).isFalse();
    long first = r.get("starts").get(0).asLong();
    assertThat(r.get("starts").get(2).asLong() - first).as(r.toString()).isGreaterThan(900);
    assertThat(r.get("starts").get(4).asLong() - first).as(r.toString()).isGreaterThan(1_900);
  }

  @Test
  void the_on_failure_task_runs_after_the_failure_and_sees_it() throws Exception {
    JsonNode r = client("onfail");
    assertThat(r.get("error").asText()).as(r.toString()).contains("conf-onfail boom t42");
    await().atMost(Duration.ofSeconds(10)).until(() -> Files.readString(NodeScript.TS.resolveSibling("target")
        .resolve("node-logs").resolve("conf-worker.log")).lines().anyMatch(l -> l.contains("ON_FAILURE")
        && l.contains("\"tag\":\"t42\"") && l.contains("conf-onfail boom t42")));
  }

  @Test
  void the_high_priority_run_starts_before_the_low_ones_queued_earlier() throws Exception {
    JsonNode r = client("priority");
    assertThat(r.has("error")).as(r.toString()).isFalse();
    java.util.Map<String, Long> start = new java.util.HashMap<>();
    r.get("runs").forEach(run -> start.put(run.get("tag").asText(), run.get("start").asLong()));
    assertThat(start.get("high")).as(r.toString()).isLessThan(start.get("low1"));
    assertThat(start.get("low1")).as(r.toString()).isLessThan(start.get("low2"));
    assertThat(start.get("low2")).as(r.toString()).isLessThan(start.get("low3"));
  }
}
