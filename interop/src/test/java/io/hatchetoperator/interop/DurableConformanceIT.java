package io.hatchetoperator.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.hatchetoperator.engine.DevEngine;
import io.hatchetoperator.engine.DevEngineSettings;
import io.hatchetoperator.engine.core.EngineTimings;
import io.hatchetoperator.engine.core.TaskState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The official TypeScript SDK's durable tasks against the dev engine (DurableTask stream, since it announces
 * v0.80.0): a sleep lasts on the engine's clock, waitForEvent gets the matching event's payload and not an earlier or
 * unmatched one, a child spawned through the durable log hands its output to the parent, and a task whose worker dies
 * mid-sleep is replayed on another worker with its memo and ends at the sleep's original deadline, a task the SDK
 * evicts (TTL 1 s) is queued again when its sleep ends and replays its memo; against an engine
 * announcing v0.79.0 the SDK falls back to RegisterDurableEvent / ListenForDurableEvent and sleeps and waits as well.
 * Each check fails on an engine that acks a wait without honouring it. The scenarios run at once to keep it short.
 */
class DurableConformanceIT {

  private static final long REPLAY_SLEEP_MS = 8_000;
  private static DevEngine engine;
  /** An engine announcing v0.79.0, below the TS SDK's DURABLE_EVICTION gate: the SDK uses the legacy pair. */
  private static DevEngine legacy;
  private static Process legacyWorker;
  private static JsonNode legacySeen;
  private static Process main;
  private static Process replayA;
  private static Process replayB;
  private static JsonNode seen;
  private static JsonNode replay;

  @BeforeAll
  static void start() throws Exception {
    // heartbeat 5 s as Hatchet; a silent worker's tasks are reassigned after 6 s (Hatchet: 30 s) so the replay is quick
    engine = DevEngine.start(DevEngineSettings.ephemeral().withTimings(new EngineTimings(Duration.ofSeconds(5),
        Duration.ofSeconds(6), Duration.ofMinutes(15), Duration.ofHours(1), 10_000)));
    main = NodeScript.start(engine, "durable-main", "conformance-durable-worker.js", "durable-main", "main");
    legacy = DevEngine.start(DevEngineSettings.ephemeral().withEngineVersion("v0.79.0"));
    legacyWorker = NodeScript.start(legacy, "durable-legacy", "conformance-durable-worker.js", "durable-legacy", "main");
    replayA = NodeScript.start(engine, "durable-replay-a", "conformance-durable-worker.js", "durable-a", "replay");
    await().atMost(Duration.ofSeconds(30)).until(() -> engine.scheduler().workers().stream()
        .filter(w -> w.status().equals("ACTIVE")).count() == 2);
    Process replayClient = NodeScript.start(engine, "durable-replay-client", "conformance-durable-client.js", "replay",
        (REPLAY_SLEEP_MS / 1000) + "s");
    Path aLog = NodeScript.TS.resolveSibling("target").resolve("node-logs").resolve("durable-replay-a.log");
    await().atMost(Duration.ofSeconds(20)).until(() -> Files.readString(aLog).contains("REPLAY_MEMO"));
    replayA.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    replayB = NodeScript.start(engine, "durable-replay-b", "conformance-durable-worker.js", "durable-b", "replay");
    await().atMost(Duration.ofSeconds(30)).until(() -> legacy.scheduler().workers().stream()
        .anyMatch(w -> w.status().equals("ACTIVE")));
    Process legacyClient = NodeScript.start(legacy, "durable-legacy-client", "conformance-durable-client.js", "legacy");
    seen = NodeScript.result(engine, "durable-client", Duration.ofSeconds(40), "conformance-durable-client.js", "all");
    assertThat(replayClient.waitFor(40, TimeUnit.SECONDS)).as("the replay client finished").isTrue();
    replay = NodeScript.read("durable-replay-client");
    assertThat(legacyClient.waitFor(40, TimeUnit.SECONDS)).as("the legacy client finished").isTrue();
    legacySeen = NodeScript.read("durable-legacy-client");
  }

  @AfterAll
  static void stop() {
    for (Process p : new Process[] {main, replayA, replayB, legacyWorker}) {
      if (p != null) {
        p.destroyForcibly();
      }
    }
    engine.close();
    if (legacy != null) {
      legacy.close();
    }
  }

  /** Engine clock: from the run's trigger to its end. */
  private static long runMillis(String runId) {
    return engine.scheduler().readRun(runId, r -> r.finishedAtMillis() - r.createdAtMillis());
  }

  @Test
  void a_durable_sleep_of_three_seconds_lasts_three_seconds_on_the_engine_clock() {
    JsonNode r = seen.get("sleep");
    assertThat(r.has("error")).as(r.toString()).isFalse();
    JsonNode out = r.at("/output/conf-dsleep");
    assertThat(out.at("/slept/durationMs").asLong()).as(r.toString()).isEqualTo(3_000);
    assertThat(out.get("after").asLong() - out.get("before").asLong()).as(r.toString()).isGreaterThanOrEqualTo(2_900);
    long started = engine.scheduler().readRun(r.get("runId").asText(),
        run -> run.tasks().values().iterator().next().startedAtMillis());
    long finished = engine.scheduler().readRun(r.get("runId").asText(), run -> run.finishedAtMillis());
    assertThat(finished - started).as("engine: task start to run end, %s", r).isGreaterThanOrEqualTo(3_000);
  }

  @Test
  void wait_for_event_returns_the_matching_event_pushed_while_waiting_not_an_earlier_or_unmatched_one() {
    JsonNode r = seen.get("wait");
    assertThat(r.has("error")).as(r.toString()).isFalse();
    JsonNode event = r.at("/output/conf-dwait/event");
    assertThat(event.get("id").asText()).as(r.toString()).isEqualTo("w");
    assertThat(event.get("ok").asBoolean()).as("the expression filtered ok false: %s", r).isTrue();
    assertThat(event.get("seq").asInt()).as("seq 0 was pushed before the wait: %s", r).isGreaterThanOrEqualTo(1);
  }

  @Test
  void a_child_spawned_through_the_durable_log_hands_its_output_to_the_durable_parent() {
    JsonNode r = seen.get("child");
    assertThat(r.has("error")).as(r.toString()).isFalse();
    assertThat(r.at("/output/conf-dparent/child/doubled").asInt()).as(r.toString()).isEqualTo(42);
    TaskState status = engine.scheduler().readRun(r.get("runId").asText(), run -> run.status());
    assertThat(status).isEqualTo(TaskState.COMPLETED);
  }

  @Test
  void a_task_the_sdk_evicts_after_its_one_second_ttl_comes_back_when_its_sleep_ends_and_replays_its_memo() {
    JsonNode r = seen.get("evict");
    assertThat(r.has("error")).as(r.toString()).isFalse();
    JsonNode out = r.at("/output/conf-devict");
    assertThat(out.get("invocation").asInt()).as("evicted, then assigned again: %s", r).isGreaterThanOrEqualTo(2);
    assertThat(out.at("/memo/invocation").asInt()).as("the memo of the first invocation: %s", r).isEqualTo(1);
    long took = runMillis(r.get("runId").asText());
    assertThat(took).as("engine: the run took %d ms (sleep 4 s): %s", took, r).isBetween(4_000L, 7_000L);
  }

  @Test
  void runs_branch_durable_task_over_rest_replays_the_task_from_its_sleep_keeping_the_memo_before_it() {
    JsonNode r = seen.get("branch");
    assertThat(r.has("error")).as(r.toString()).isFalse();
    assertThat(r.at("/branch/branchId").asLong()).as(r.toString()).isEqualTo(2);
    JsonNode first = r.at("/first/conf-dbranch");
    JsonNode second = r.at("/second/conf-dbranch").isMissingNode() ? r.get("second") : r.at("/second/conf-dbranch");
    assertThat(first.get("invocation").asInt()).as(r.toString()).isEqualTo(1);
    assertThat(second.get("invocation").asInt()).as("replayed as the next invocation: %s", r).isEqualTo(2);
    assertThat(second.get("first")).as("node 1 (the memo) resolves to branch 1: %s", r).isEqualTo(first.get("first"));
    assertThat(second.get("at").asLong() - first.get("at").asLong()).as("node 2 (the sleep) ran anew: %s", r)
        .isGreaterThanOrEqualTo(1_000);
  }

  @Test
  void a_replay_asking_for_another_call_at_a_recorded_node_fails_with_the_engines_non_determinism_error() {
    JsonNode r = seen.get("nondet");
    assertThat(r.has("unexpected")).as(r.toString()).isFalse();
    assertThat(r.get("failed").asText()).as(r.toString()).contains("non-determinism error in task")
        .contains("at node 1:1").contains("expected: WAIT_FOR wait for sleep 2s").contains("received: MEMO");
  }

  @Test
  void a_task_whose_worker_dies_mid_sleep_is_replayed_elsewhere_with_its_memo_and_ends_at_the_original_deadline() {
    assertThat(replay.has("error")).as(replay.toString()).isFalse();
    JsonNode out = replay.at("/output/conf-dreplay");
    assertThat(out.get("invocation").asInt()).as(replay.toString()).isEqualTo(2);
    assertThat(out.at("/memo/pid").asLong()).as("the memo computed by worker a: %s", replay)
        .isEqualTo(replayA.pid()).isNotEqualTo(out.get("pid").asLong());
    assertThat(out.get("pid").asLong()).as(replay.toString()).isEqualTo(replayB.pid());
    long took = runMillis(replay.get("runId").asText());
    // a restarted sleep would end at least 3.5 s (reassignment) + 8 s after the start; the original deadline is 8 s
    assertThat(took).as("engine: replay run took %d ms: %s", took, replay).isBetween(REPLAY_SLEEP_MS, 11_000L);
  }

  @Test
  void below_v0_80_0_the_sdk_sleeps_and_waits_through_register_and_listen_for_durable_event() {
    JsonNode sleep = legacySeen.get("sleep");
    assertThat(sleep.has("error")).as(legacySeen.toString()).isFalse();
    assertThat(sleep.at("/output/conf-dsleep/invocation").asInt()).as("no DurableTask stream: %s", sleep).isEqualTo(1);
    long took = legacy.scheduler().readRun(sleep.get("runId").asText(), r -> r.finishedAtMillis()
        - r.tasks().values().iterator().next().startedAtMillis());
    assertThat(took).as("engine: task start to run end, %s", sleep).isGreaterThanOrEqualTo(3_000);
    // the legacy path resolves ctx.waitFor with the data's CREATE part (pre-eviction.js), the stream path with the
    // whole {"CREATE": ...}: this shape shows the SDK took RegisterDurableEvent / ListenForDurableEvent
    JsonNode matched = legacySeen.at("/waitraw/output/conf-dwait-raw/matched/conf:dwait/0");
    assertThat(matched.get("id").asText()).as(legacySeen.toString()).isEqualTo("w");
    assertThat(matched.get("ok").asBoolean()).as(legacySeen.toString()).isTrue();
    assertThat(matched.get("seq").asInt()).as(legacySeen.toString()).isGreaterThanOrEqualTo(1);
    assertThat(legacy.scheduler().durable().waitsHeld()).isZero();
  }
}
