package io.hatchetoperator.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.hatchetoperator.engine.DevEngine;
import io.hatchetoperator.engine.DevEngineSettings;
import io.hatchetoperator.engine.core.WorkerView;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The official Hatchet Python SDK (hatchet-sdk 1.43.1) and Go SDK (github.com/hatchet-dev/hatchet v0.104.7,
 * sdks/go) against the dev engine, each as worker and as client, on one engine: registration, 100 runs each
 * checked, a failing task's error at the client, each SDK's client running the other SDK's tasks, and SIGTERM.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PythonAndGoSdkIT {

  private static DevEngine engine;
  private static Process python;
  private static Process go;

  @BeforeAll
  static void start() throws Exception {
    assertThat(Files.isExecutable(SdkProcess.PYTHON)).as("the Python SDK's venv, built by examples/python-worker")
        .isTrue();
    assertThat(Files.isExecutable(SdkProcess.GO)).as("the Go SDK program, built by examples/go-worker").isTrue();
    engine = DevEngine.start(DevEngineSettings.ephemeral());
    python = SdkProcess.start(engine, "py-worker", SdkProcess.python("worker.py", "py-worker", "10"));
    go = SdkProcess.start(engine, "go-worker", SdkProcess.go("worker", "go-worker", "10"));
    await().atMost(Duration.ofSeconds(60)).until(() -> active("py-worker") && active("go-worker"));
  }

  @AfterAll
  static void stop() {
    for (Process p : new Process[] {python, go}) {
      if (p != null) {
        p.destroyForcibly();
      }
    }
    engine.close();
  }

  private static Optional<WorkerView> worker(String name) {
    return engine.scheduler().workers().stream().filter(w -> w.name().equals(name)).reduce((a, b) -> b);
  }

  private static boolean active(String name) {
    return worker(name).map(w -> w.status().equals("ACTIVE")).orElse(false);
  }

  @Test
  @Order(1)
  void both_workers_register_their_tasks_with_their_slots_and_sdk() {
    WorkerView py = worker("py-worker").orElseThrow();
    assertThat(py.actions()).contains("py-echo:py-echo", "py-sleep:py-sleep", "py-fail:py-fail");
    assertThat(py.slotLimits()).containsEntry("default", 10);
    assertThat(py.sdk()).isEqualTo("PYTHON");
    WorkerView g = worker("go-worker").orElseThrow();
    assertThat(g.actions()).contains("go-echo:go-echo", "go-sleep:go-sleep", "go-fail:go-fail");
    assertThat(g.slotLimits()).containsEntry("default", 10);
    assertThat(g.sdk()).as("the SDKS enum of WorkerRegisterRequest.runtime_info").isEqualTo("GO");
  }

  @Test
  @Order(2)
  void each_sdks_client_triggers_100_runs_and_gets_each_result() throws Exception {
    JsonNode py = SdkProcess.result(engine, "py-client-many", Duration.ofSeconds(120),
        SdkProcess.python("client.py", "many", "py-echo", "100", "20"));
    assertThat(py.get("wrong")).as(py.toString()).isEmpty();
    assertThat(py.get("ok").asInt()).isEqualTo(100);
    JsonNode g = SdkProcess.result(engine, "go-client-many", Duration.ofSeconds(120),
        SdkProcess.go("client", "many", "go-echo", "100", "20"));
    assertThat(g.get("wrong")).as(g.toString()).isEmpty();
    assertThat(g.get("ok").asInt()).isEqualTo(100);
  }

  @Test
  @Order(3)
  void a_failing_task_reaches_each_client_with_the_tasks_error() throws Exception {
    JsonNode py = SdkProcess.result(engine, "py-client-fail", Duration.ofSeconds(60),
        SdkProcess.python("client.py", "run", "py-fail", "{\"reason\":\"interop\"}"));
    assertThat(py.path("error").asText()).as(py.toString()).contains("py-fail refused: interop");
    JsonNode g = SdkProcess.result(engine, "go-client-fail", Duration.ofSeconds(60),
        SdkProcess.go("client", "run", "go-fail", "{\"reason\":\"interop\"}"));
    assertThat(g.path("error").asText()).as(g.toString()).contains("go-fail refused: interop");
  }

  @Test
  @Order(4)
  void each_sdks_client_runs_the_other_sdks_task() throws Exception {
    JsonNode py = SdkProcess.result(engine, "py-client-go-sleep", Duration.ofSeconds(60),
        SdkProcess.python("client.py", "run", "go-sleep", "{\"ms\":300}"));
    assertThat(py.path("result").path("slept").asInt()).as(py.toString()).isEqualTo(300);
    JsonNode g = SdkProcess.result(engine, "go-client-py-echo", Duration.ofSeconds(60),
        SdkProcess.go("client", "run", "py-echo", "{\"x\":7}"));
    assertThat(g.path("result").path("echo").path("x").asInt()).as(g.toString()).isEqualTo(7);
  }

  @Test
  @Order(5)
  void sigterm_stops_each_worker_and_the_python_sdk_pauses_itself_first() throws Exception {
    String pyId = worker("py-worker").orElseThrow().id();
    python.destroy();
    go.destroy();
    assertThat(python.waitFor(60, TimeUnit.SECONDS)).as("the Python worker exits after SIGTERM").isTrue();
    assertThat(go.waitFor(60, TimeUnit.SECONDS)).as("the Go worker exits after SIGTERM").isTrue();
    assertThat(engine.scheduler().worker("id", pyId).status()).as("the Python SDK paused itself over REST")
        .isIn("PAUSED", "INACTIVE");
  }
}
