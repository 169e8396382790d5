package io.hatchetoperator.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.hatchetoperator.engine.DevEngine;
import io.hatchetoperator.engine.DevEngineSettings;
import io.hatchetoperator.engine.core.WorkerView;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** The official Hatchet TypeScript SDK (1.33.2) against the dev engine: worker, client, failures, graceful shutdown. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TypeScriptSdkIT {

  private static DevEngine engine;
  private static Process worker;

  @BeforeAll
  static void start() throws Exception {
    engine = DevEngine.start(DevEngineSettings.ephemeral());
    worker = NodeScript.start(engine, "ts-worker", "worker.js", "ts-worker", "10");
    await().atMost(Duration.ofSeconds(30)).until(() -> tsWorker().map(w -> w.status().equals("ACTIVE")).orElse(false));
  }

  @AfterAll
  static void stop() {
    if (worker != null) {
      worker.destroyForcibly();
    }
    engine.close();
  }

  @Test
  @Order(1)
  void the_ts_worker_registers_its_tasks_with_its_slots_and_sdk() {
    WorkerView w = tsWorker().orElseThrow();
    assertThat(w.actions()).contains("ts-echo:ts-echo", "ts-sleep:ts-sleep", "ts-fail:ts-fail");
    assertThat(w.slotLimits()).containsEntry("default", 10);
    assertThat(w.sdk()).isEqualTo("TYPESCRIPT");
  }

  @Test
  @Order(2)
  void a_ts_client_triggers_120_runs_and_gets_each_result() throws Exception {
    JsonNode r = NodeScript.result(engine, "client-echo", Duration.ofSeconds(90), "client.js", "echo", "120", "20");
    assertThat(r.get("wrong")).as(r.toString()).isEmpty();
    assertThat(r.get("ok").asInt()).isEqualTo(120);
    assertThat(engine.scheduler().counters().succeeded()).isGreaterThanOrEqualTo(120);
  }

  @Test
  @Order(3)
  void a_failing_task_rejects_the_client_with_the_tasks_error() throws Exception {
    JsonNode r = NodeScript.result(engine, "client-fail", Duration.ofSeconds(60), "client.js", "fail");
    assertThat(r.has("error")).as(r.toString()).isTrue();
    assertThat(r.get("error").asText()).contains("ts-fail refused: interop");
  }

  @Test
  @Order(4)
  void a_sleeping_task_holds_its_slot_and_returns() throws Exception {
    JsonNode r = NodeScript.result(engine, "client-sleep", Duration.ofSeconds(60), "client.js", "run", "ts-sleep",
        "{\"ms\":300}");
    assertThat(r.toString()).contains("\"slept\":300");
  }

  @Test
  @Order(5)
  void a_ts_dag_runs_its_child_after_its_parent_with_the_parents_output() throws Exception {
    JsonNode r = NodeScript.result(engine, "client-dag", Duration.ofSeconds(60), "client.js", "run", "ts-dag",
        "{\"n\":1}");
    assertThat(r.at("/result/first/n").asInt()).as(r.toString()).isEqualTo(2);
    assertThat(r.at("/result/second/n").asInt()).as(r.toString()).isEqualTo(20);
  }

  @Test
  @Order(6)
  void an_event_pushed_by_the_ts_client_runs_the_ts_task_listening_for_it() throws Exception {
    long before = engine.scheduler().counters().succeeded();
    JsonNode r = NodeScript.result(engine, "client-event", Duration.ofSeconds(60), "client.js", "event", "{\"x\":42}");
    assertThat(r.get("eventId").asText()).hasSize(36);
    await().atMost(Duration.ofSeconds(20)).until(() -> engine.scheduler().counters().succeeded() == before + 1);
    assertThat(java.nio.file.Files.readString(NodeScript.TS.resolveSibling("target").resolve("node-logs")
        .resolve("ts-worker.log"))).contains("ts-on-event got {\"x\":42}");
  }

  @Test
  @Order(7)
  void sigterm_makes_the_ts_worker_pause_itself_over_rest_and_exit() throws Exception {
    worker.destroy();
    assertThat(worker.waitFor(30, TimeUnit.SECONDS)).as("the TS worker exits after SIGTERM").isTrue();
    WorkerView gone = tsWorker().orElseThrow();
    assertThat(engine.scheduler().isPaused(gone.id())).as("it paused itself over REST before leaving").isTrue();
    // once gone, Hatchet reports a worker INACTIVE even when paused (ToWorkerSqlc in
    // api/v1/server/oas/transformers/v1/worker.go), as the dev engine does
    assertThat(gone.status()).isEqualTo("INACTIVE");
  }

  private static Optional<WorkerView> tsWorker() {
    return engine.scheduler().workers().stream().filter(w -> w.name().equals("ts-worker")).findFirst();
  }
}
