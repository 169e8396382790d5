package io.hatchetoperator.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.hatchetoperator.engine.DevEngine;
import io.hatchetoperator.engine.DevEngineSettings;
import io.hatchetoperator.engine.core.WorkerView;
import io.hatchetoperator.examples.worker.SampleWorker;
import io.hatchetoperator.worker.Hatchet;
import io.hatchetoperator.worker.RunFailedException;
import io.hatchetoperator.worker.RunResult;
import io.hatchetoperator.worker.Worker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** The Java sample worker against the dev engine, and both SDKs calling each other's tasks through it. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class JavaSampleWorkerIT {

  private static DevEngine engine;
  private static Hatchet hatchet;
  private static Worker worker;

  @BeforeAll
  static void start() throws Exception {
    engine = DevEngine.start(DevEngineSettings.ephemeral());
    hatchet = Hatchet.fromEnv(env(engine));
    worker = SampleWorker.create(hatchet, "java-worker", 10);
    worker.startAsync().get(30, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() {
    worker.kill();
    hatchet.close();
    engine.close();
  }

  static Map<String, String> env(DevEngine engine) {
    Map<String, String> env = new HashMap<>(engine.clientEnv());
    env.put("HATCHET_WORKER_HEALTH_PORT", "-1");
    return env;
  }

  @Test
  @Order(1)
  void a_java_client_runs_100_echo_tasks_on_the_java_worker() throws Exception {
    List<CompletableFuture<RunResult>> runs = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      runs.add(hatchet.client().run("echo", Map.of("i", i)));
    }
    for (int i = 0; i < 100; i++) {
      Map<?, ?> out = runs.get(i).get(30, TimeUnit.SECONDS).output("echo", Map.class);
      assertThat(out.get("i")).isEqualTo(i);
      assertThat(out.get("echoed")).isEqualTo(true);
    }
    assertThat(javaWorker().orElseThrow().sdk()).isNotEqualTo("TYPESCRIPT");
  }

  @Test
  @Order(2)
  void a_failing_java_task_reaches_the_java_client_with_its_message() {
    assertThatThrownBy(() -> hatchet.client().run("sleep", Map.of("ms", "soon")).get(30, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class).cause().isInstanceOf(RunFailedException.class)
        .hasMessageContaining("is not a number of milliseconds");
  }

  @Test
  @Order(3)
  void a_ts_client_runs_java_tasks() throws Exception {
    JsonNode r = NodeScript.result(engine, "ts-client-java-echo", Duration.ofSeconds(60), "client.js", "run", "echo",
        "{\"m\":1}");
    assertThat(r.toString()).as(r.toString()).contains("\"echoed\":true").contains("\"m\":1");
    JsonNode sleep = NodeScript.result(engine, "ts-client-java-sleep", Duration.ofSeconds(60), "client.js", "run",
        "sleep", "{\"ms\":200}");
    assertThat(sleep.toString()).contains("\"sleptMs\":200");
  }

  @Test
  @Order(4)
  void a_java_client_runs_ts_tasks() throws Exception {
    Process ts = NodeScript.start(engine, "ts-worker-for-java", "worker.js", "ts-worker-for-java", "5");
    try {
      await().atMost(Duration.ofSeconds(30)).until(() -> engine.scheduler().workers().stream()
          .anyMatch(w -> w.name().equals("ts-worker-for-java") && w.status().equals("ACTIVE")));
      Map<?, ?> out = hatchet.client().run("ts-echo", Map.of("i", 7)).get(30, TimeUnit.SECONDS)
          .output("ts-echo", Map.class);
      assertThat(out.get("echo")).isEqualTo(Map.of("i", 7));
      assertThatThrownBy(() -> hatchet.client().run("ts-fail", Map.of("reason", "java")).get(30, TimeUnit.SECONDS))
          .cause().isInstanceOf(RunFailedException.class).hasMessageContaining("ts-fail refused: java");
    } finally {
      ts.destroy();
      ts.waitFor(20, TimeUnit.SECONDS);
    }
  }

  @Test
  @Order(5)
  void shutdown_pauses_the_java_worker_in_the_engine_and_unsubscribes() throws Exception {
    CompletableFuture<RunResult> running = hatchet.client().run("sleep", Map.of("ms", 3000));
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
        .until(() -> javaWorker().orElseThrow().slotsUsed().getOrDefault("default", 0) == 1);
    CompletableFuture<Void> drained = worker.shutdown();
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
        .until(() -> javaWorker().orElseThrow().status().equals("PAUSED"));
    drained.get(60, TimeUnit.SECONDS);
    assertThat(running.get(10, TimeUnit.SECONDS).output("sleep", Map.class)).containsEntry("sleptMs", 3000);
    // once unsubscribed, Hatchet reports a worker INACTIVE even when paused (ToWorkerSqlc in
    // api/v1/server/oas/transformers/v1/worker.go), as the dev engine does
    assertThat(javaWorker().orElseThrow().status()).isEqualTo("INACTIVE");
  }

  private static Optional<WorkerView> javaWorker() {
    return engine.scheduler().workers().stream().filter(w -> w.name().equals("java-worker")).findFirst();
  }
}
