package io.hatchetoperator.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.hatchetoperator.worker.client.HatchetClient;
import io.hatchetoperator.worker.testing.TestingEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Triggering, awaiting results on one shared stream, run details, cancel and push. */
class HatchetClientTest {
  record Echo(String message) {}

  private TestingEngine engine;
  private Hatchet hatchet;
  private Worker worker;
  private Workflow echo;
  private final CountDownLatch release = new CountDownLatch(1);

  @BeforeEach
  void setUp() throws Exception {
    engine = new TestingEngine();
    hatchet = engine.hatchet().build();
    echo = hatchet.task("echo", (input, ctx) -> {
      if ("fail".equals(input.get("message"))) {
        throw new IllegalArgumentException("asked to fail");
      }
      if ("hold".equals(input.get("message"))) {
        release.await();
      }
      return Map.of("echoed", input.get("message"));
    });
    worker = hatchet.worker("client-test", WorkerOptions.slots(100), echo);
    worker.startAsync().get(30, TimeUnit.SECONDS);
    await().until(engine.dispatcher::listening);
  }

  @AfterEach
  void tearDown() {
    release.countDown();
    worker.kill();
    hatchet.close();
    engine.close();
  }

  @Test
  void triggersByDeclarationAndAwaitsTheTypedResult() throws Exception {
    RunResult result = hatchet.client().run(echo, new Echo("hi")).get(5, TimeUnit.SECONDS);

    assertThat(result.output("echo", Map.class)).containsEntry("echoed", "hi");
    assertThat(result.output("echo", Echo.class)).isNotNull();
    assertThat(engine.admin.putWorkflows.get(0).getName()).isEqualTo("echo");
  }

  @Test
  void awaitsThousandsOfRunsOverOneSharedSubscriptionStream() throws Exception {
    HatchetClient client = hatchet.client();
    List<CompletableFuture<RunResult>> results = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      results.add(client.run("echo", Map.of("message", "m" + i)));
    }

    CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);

    for (int i = 0; i < 2000; i += 397) {
      assertThat(results.get(i).join().output("echo", Map.class)).containsEntry("echoed", "m" + i);
    }
    assertThat(client.pendingResults()).isZero();
    assertThat(engine.dispatcher.runSubscriptions).as("one shared stream, not one per run").hasValue(1);
  }

  @Test
  void resubscribesPendingRunsWhenTheSubscriptionStreamBreaks() throws Exception {
    CompletableFuture<RunResult> held = hatchet.client().run("echo", Map.of("message", "hold"));
    await().until(() -> worker.runningTasks() == 1 && engine.dispatcher.runSubscriptions.get() == 1);

    engine.runs.breakSubscriptions();
    await().until(() -> engine.dispatcher.runSubscriptions.get() == 2);
    release.countDown();

    assertThat(held.get(10, TimeUnit.SECONDS).output("echo", Map.class)).containsEntry("echoed", "hold");
  }

  @Test
  void aFailedTaskFailsTheResultWithItsError() {
    CompletableFuture<RunResult> result = hatchet.client().run("echo", Map.of("message", "fail"));

    assertThatThrownBy(() -> result.get(5, TimeUnit.SECONDS))
        .hasCauseInstanceOf(RunFailedException.class)
        .hasMessageContaining("java.lang.IllegalArgumentException: asked to fail");
  }

  @Test
  void aResultAwaitedAfterTheRunFinishedStillArrives() throws Exception {
    String runId = hatchet.client().trigger("echo", Map.of("message", "late"));
    await().until(() -> "COMPLETED".equals(engine.runs.run(runId).status));

    RunResult result = hatchet.client().result(runId).get(5, TimeUnit.SECONDS);

    assertThat(result.output("echo", Map.class)).containsEntry("echoed", "late");
  }

  @Test
  void bulkTriggersReadsRunDetailsAndCancels() throws Exception {
    List<String> ids = hatchet.client().triggerBulk("echo",
        List.of(Map.of("message", "a"), Map.of("message", "hold")));
    assertThat(ids).hasSize(2);
    hatchet.client().result(ids.get(0)).get(5, TimeUnit.SECONDS);

    RunDetails details = hatchet.client().runDetails(ids.get(0));
    assertThat(details.done()).isTrue();
    assertThat(details.status()).isEqualTo("COMPLETED");
    assertThat(details.taskRuns().get("echo").outputJson()).isEqualTo("{\"echoed\":\"a\"}");

    await().until(() -> worker.runningTasks() == 1);
    assertThat(hatchet.client().cancel(List.of(ids.get(1)))).hasSize(1);
    await().until(() -> worker.runningTasks() == 0);
    assertThat(hatchet.client().runDetails(ids.get(1)).status()).isEqualTo("CANCELLED");
  }

  @Test
  void pushesEventsWithTheirKeyNamespaced() {
    Hatchet namespaced = engine.hatchet().namespace("team").build();
    String id = namespaced.client().push("order:created", Map.of("id", 7));
    namespaced.close();

    assertThat(id).isNotBlank();
    assertThat(engine.admin.pushed.get(0).getKey()).isEqualTo("team_order:created");
    assertThat(engine.admin.pushed.get(0).getPayload()).isEqualTo("{\"id\":7}");
  }

  @Test
  void triggeringAnUnknownWorkflowFailsWithTheEnginesStatusAndNoGrpcType() {
    assertThatThrownBy(() -> hatchet.client().trigger("nope", Map.of()))
        .isInstanceOfSatisfying(EngineRejectedException.class, e -> assertThat(e.reason()).isEqualTo("NOT_FOUND"))
        .hasMessageContaining("triggering workflow 'nope'")
        .hasNoCause();
  }
}
