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
        .filter(w -> w.status().equals("ACTIVE")).count() == 3);
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

  @Test
  void a_hard_sticky_dag_runs_its_second_task_on_the_worker_of_its_first() {
    JsonNode r = client("sticky");
    assertThat(r.has("error")).as(r.toString()).isFalse();
    java.util.Set<String> used = new java.util.HashSet<>();
    r.get("runs").forEach(run -> {
      assertThat(run.get("second").asText()).as(r.toString()).isEqualTo(run.get("first").asText());
      used.add(run.get("first").asText());
    });
    assertThat(used).as("both workers took runs, so stickiness was a choice").hasSize(2);
  }

  @Test
  void a_required_worker_label_sends_every_run_to_the_labelled_worker() {
    JsonNode r = client("labels");
    assertThat(r.has("error")).as(r.toString()).isFalse();
    String eu = engine.scheduler().workers().stream().filter(w -> w.name().equals("conf-eu")).findFirst()
        .orElseThrow().id();
    assertThat(r.get("workers")).as(r.toString()).hasSize(4).allMatch(w -> w.asText().equals(eu));
  }

  @Test
  void cancel_newest_cancels_the_arrival_at_a_full_key_and_lets_the_running_run_finish() {
    JsonNode r = client("newest");
    assertThat(r.at("/first/ok/tag").asText()).as(r.toString()).isEqualTo("first");
    assertThat(r.at("/second/error").asText()).as(r.toString()).contains("CANCEL_NEWEST");
  }

  @Test
  void a_dag_with_workflow_concurrency_runs_one_whole_run_of_a_key_at_a_time() {
    JsonNode r = client("dagconc");
    assertThat(r.has("error")).as(r.toString()).isFalse();
    JsonNode a = r.get("runs").get(0);
    JsonNode b = r.get("runs").get(1);
    JsonNode firstRun = a.at("/one/start").asLong() < b.at("/one/start").asLong() ? a : b;
    JsonNode secondRun = firstRun == a ? b : a;
    assertThat(secondRun.at("/one/start").asLong()).as("the next run starts after the whole first run: %s", r)
        .isGreaterThanOrEqualTo(firstRun.at("/two/end").asLong());
  }

  @Test
  void an_event_filter_runs_the_task_only_for_scoped_events_it_accepts_with_its_payload() throws Exception {
    assertThat(client("filters").get("pushed").asInt()).isEqualTo(3);
    java.nio.file.Path log = NodeScript.TS.resolveSibling("target").resolve("node-logs").resolve("conf-worker.log");
    await().atMost(Duration.ofSeconds(10)).until(() -> Files.readString(log).lines()
        .anyMatch(l -> l.startsWith("FILTER ") && l.contains("\"n\":7") && l.contains("\"tier\":\"gold\"")));
    Thread.sleep(300);
    assertThat(Files.readString(log).lines().filter(l -> l.startsWith("FILTER ")))
        .as("n 0 fails the filter, n 5 has no scope").hasSize(1);
  }

  /** The JSON of each worker log line starting with {@code label}. */
  private static List<JsonNode> logged(String label) throws Exception {
    java.nio.file.Path log = NodeScript.TS.resolveSibling("target").resolve("node-logs").resolve("conf-worker.log");
    List<JsonNode> out = new ArrayList<>();
    for (String l : Files.readAllLines(log)) {
      if (l.startsWith(label + " ")) {
        out.add(new com.fasterxml.jackson.databind.ObjectMapper().readTree(l.substring(label.length() + 1)));
      }
    }
    return out;
  }

  /** When the engine assigned the task (its clock), read from the engine's record of it. */
  private static long engineStart(String taskId) {
    return engine.scheduler().readTask(taskId, t -> t.startedAtMillis());
  }

  @Test
  void a_schedule_made_with_workflow_schedule_starts_on_time_by_the_engine_s_clock_and_not_before() throws Exception {
    JsonNode r = client("timed");
    assertThat(r.has("error")).as(r.toString()).isFalse();
    long triggerAt = r.get("triggerAt").asLong();
    assertThat(r.get("method").asText()).isEqualTo("API");
    List<JsonNode> runs = logged("SCHED");
    assertThat(runs).as("one scheduled run, the kept one: %s", runs).hasSize(1);
    JsonNode run = runs.get(0);
    assertThat(run.get("tag").asText()).isEqualTo("kept");
    long started = engineStart(run.get("task").asText());
    assertThat(started).as("started at %d, scheduled for %d", started, triggerAt).isGreaterThanOrEqualTo(triggerAt)
        .isLessThan(triggerAt + 1_500);
    assertThat(run.get("start").asLong()).as("the worker ran it no earlier").isGreaterThanOrEqualTo(triggerAt);
    String runId = engine.scheduler().readTask(run.get("task").asText(), t -> t.run().id());
    assertThat(r.get("runId").asText()).as("hatchet.scheduled.get names the run it started").isEqualTo(runId);
    assertThat(r.get("status").asText()).isIn("RUNNING", "SUCCEEDED");
  }

  @Test
  void a_schedule_deleted_with_hatchet_scheduled_delete_never_runs() throws Exception {
    JsonNode r = client("timed");
    assertThat(r.has("error")).as(r.toString()).isFalse();
    assertThat(r.get("listed")).extracting(JsonNode::asText).contains(r.get("kept").asText())
        .doesNotContain(r.get("deleted").asText());
    // the client returned 4 s after both schedules' time, which is long after the kept one ran
    assertThat(logged("SCHED")).extracting(l -> l.get("tag").asText()).containsExactly("kept");
  }

  @Test
  void a_per_second_cron_made_with_workflow_cron_fires_each_second_until_hatchet_crons_delete() throws Exception {
    JsonNode r = client("timed");
    assertThat(r.has("error")).as(r.toString()).isFalse();
    assertThat(r.get("cronExpression").asText()).isEqualTo("* * * * * *");
    assertThat(r.get("cronsListed")).extracting(JsonNode::asText).contains(r.get("cron").asText());
    List<Long> starts = new ArrayList<>();
    for (JsonNode l : logged("CRON")) {
      starts.add(engineStart(l.get("task").asText()));
    }
    starts.sort(Long::compare);
    assertThat(starts).as("about 3.5 s of a per-second cron").hasSizeBetween(2, 5);
    // fired by the expression, a second apart, not in a burst (a burst lands within a few ms; 200 ms leaves room
    // for a sweep delayed by a loaded machine)
    for (int i = 1; i < starts.size(); i++) {
      assertThat(starts.get(i) - starts.get(i - 1)).as("starts %s", starts).isGreaterThan(200);
    }
    assertThat(starts).as("nothing fired after the delete (%d)", r.get("cronDeletedAt").asLong())
        .allMatch(s -> s <= r.get("cronDeletedAt").asLong() + 200);
  }

  @Test
  void a_filter_made_with_hatchet_filters_create_lets_the_matching_event_through_and_blocks_the_other() throws Exception {
    JsonNode r = client("rfilter");
    assertThat(r.has("error")).as(r.toString()).isFalse();
    assertThat(r.get("got").asText()).isEqualTo("input.n > 10");
    assertThat(r.get("listed")).extracting(JsonNode::asText).containsExactly(r.get("id").asText());
    await().atMost(Duration.ofSeconds(10)).until(() -> !logged("RFILTER").isEmpty());
    Thread.sleep(300);
    List<JsonNode> runs = logged("RFILTER");
    assertThat(runs).as("n 3 fails the filter; without it the workflow would run for both: %s", runs).hasSize(1);
    assertThat(runs.get(0).get("n").asInt()).isEqualTo(20);
    assertThat(runs.get(0).at("/payload/src").asText()).isEqualTo("rest");
  }

  @Test
  void a_task_waiting_for_a_2s_sleep_does_not_start_before_2s_after_its_parent_ended() {
    JsonNode r = client("conditions").get("sleep");
    assertThat(r.has("error")).as(r.toString()).isFalse();
    long parentEnd = r.at("/ok/first/end").asLong();
    long start = r.at("/ok/second/start").asLong();
    assertThat(start - parentEnd).as("second started %d ms after first ended: %s", start - parentEnd, r)
        .isGreaterThanOrEqualTo(2_000).isLessThan(5_000);
    assertThat(r.at("/ok/second/triggers/sleep-2s/sleep_duration").asText()).as(r.toString()).isEqualTo("2s");
  }

  @Test
  void skip_if_on_a_parent_output_skips_the_task_while_its_sibling_and_their_child_run() {
    JsonNode r = client("conditions").get("skip");
    assertThat(r.has("error")).as(r.toString()).isFalse();
    assertThat(r.at("/ok/skipped").toString()).as(r.toString()).isEqualTo("{\"skipped\":true}");
    assertThat(r.at("/ok/sibling/ran").asBoolean()).as(r.toString()).isTrue();
    assertThat(r.at("/ok/after/skippedOutput").toString()).as(r.toString()).isEqualTo("{\"skipped\":true}");
  }

  @Test
  void a_task_waiting_for_a_user_event_starts_only_after_the_event_its_expression_accepts() {
    JsonNode all = client("conditions");
    JsonNode r = all.get("event");
    assertThat(r.has("error")).as(r.toString()).isFalse();
    assertThat(all.get("falseAt").asLong()).as("the rejected event came after the parent ended: %s", all)
        .isGreaterThan(r.at("/ok/waiter/parentEnd").asLong());
    assertThat(r.at("/ok/waiter/start").asLong()).as(all.toString()).isGreaterThanOrEqualTo(all.get("goAt").asLong());
    assertThat(r.at("/ok/waiter/triggers/conf:cond:go/ok").asBoolean()).as(all.toString()).isTrue();
  }

  @Test
  void cancel_if_an_event_cancels_the_waiting_task_and_its_child_so_the_run_is_cancelled() {
    JsonNode all = client("conditions");
    JsonNode r = all.get("cancel");
    assertThat(r.has("error")).as("the run ended cancelled: %s", all).isTrue();
    assertThat(all.get("cancelSettledAt").asLong() - all.get("abortedAt").asLong()).as(all.toString())
        .isLessThan(10_000);
    String runId = all.get("cancelRunId").asText();
    String states = engine.scheduler().<String>readRun(runId, run -> run.status() + " target "
        + run.tasks().get("target").state() + " started " + run.tasks().get("target").startedAtMillis()
        + " downstream " + run.tasks().get("downstream").state());
    assertThat(states).as("the target never started").isEqualTo("CANCELLED target CANCELLED started 0 downstream"
        + " CANCELLED");
  }

  @Test
  void an_idempotency_key_collision_reaches_the_ts_client_as_its_typed_error_with_the_first_run_s_id() {
    JsonNode r = client("idem");
    assertThat(r.get("collision").asBoolean()).as(r.toString()).isTrue();
    assertThat(r.get("existing").asText()).as(r.toString()).isEqualTo(r.get("firstId").asText());
  }
}
