package io.hatchetoperator.operator.autoscaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hatchetoperator.operator.engine.EngineToken;
import io.hatchetoperator.operator.engine.HatchetJson;
import io.hatchetoperator.operator.engine.HatchetStubServer;
import io.hatchetoperator.operator.engine.HatchetStubServer.Answer;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EnginePollersTest {

  static final Duration POLL = Duration.ofSeconds(2);

  HatchetStubServer engine;
  MutableClock clock = new MutableClock(Instant.parse("2026-11-28T12:00:00Z"));
  EnginePollers pollers;
  EngineToken tokenA = EngineToken.parse(HatchetJson.token("tenant-a"));
  EngineToken tokenB = EngineToken.parse(HatchetJson.token("tenant-b"));

  @BeforeEach
  void start() throws Exception {
    engine = new HatchetStubServer();
    for (String tenant : List.of("tenant-a", "tenant-b")) {
      engine.on("/api/v1/tenants/" + tenant + "/task-stats", 200, "{}");
      engine.on("/api/v1/tenants/" + tenant + "/worker", 200,
          HatchetJson.workerList(List.of(HatchetJson.poolWorker("w1", "p", "pod", 0, 1)), 1, 1));
    }
    pollers = EnginePollers.overRest(AutoscalingSettings.DEFAULTS, clock);
  }

  @AfterEach
  void stop() {
    pollers.close();
    engine.close();
  }

  @Test
  void pollsEachTenantOncePerTickForFiftyPools() {
    for (int i = 0; i < 50; i++) {
      pollers.register("ns/pool-" + i, engine.url(), tokenA, Set.of("task-" + i, "shared"), POLL);
    }
    pollers.register("ns/other", engine.url(), tokenB, Set.of("b"), POLL);

    assertThat(pollers.pollDueNow()).isEqualTo(2);
    assertThat(pollers.pollDueNow()).as("not due again before the interval").isZero();

    assertThat(pollers.tenantCount()).isEqualTo(2);
    List<HatchetStubServer.Request> stats = engine.requests("/api/v1/tenants/tenant-a/task-stats");
    assertThat(stats).hasSize(1);
    Set<String> asked = Arrays.stream(stats.get(0).query().substring("taskNames=".length())
        .split(",")).collect(Collectors.toSet());
    assertThat(asked).hasSize(51).contains("task-0", "task-49", "shared");
    assertThat(engine.requests("/api/v1/tenants/tenant-a/worker")).hasSize(1);
    assertThat(engine.requests("/api/v1/tenants/tenant-b/worker")).hasSize(1);
    assertThat(pollers.latest("ns/pool-7").orElseThrow().workers()).hasSize(1);
    assertThat(pollers.latest("ns/pool-7")).isEqualTo(pollers.latest("ns/pool-8"));

    clock.advance(POLL);
    assertThat(pollers.pollDueNow()).isEqualTo(2);
    assertThat(engine.requests("/api/v1/tenants/tenant-a/task-stats")).hasSize(2);
  }

  @Test
  void countsCompletionsPerPoolWithOneTaskMetricsCallPerWorkflowSet() {
    engine.on("/api/v1/tenants/tenant-a/workflows", 200, "{\"rows\":["
        + "{\"metadata\":{\"id\":\"wf-a\"},\"name\":\"a\"},"
        + "{\"metadata\":{\"id\":\"wf-b\"},\"name\":\"b\"}],"
        + "\"pagination\":{\"current_page\":1,\"num_pages\":1}}");
    long[] finished = {100};
    engine.on("/api/v1/stable/tenants/tenant-a/task-metrics", request -> Answer.json(200,
        "[{\"status\":\"COMPLETED\",\"count\":" + finished[0] + "},"
            + "{\"status\":\"FAILED\",\"count\":2},{\"status\":\"RUNNING\",\"count\":7}]"));
    pollers.register("ns/one", engine.url(), tokenA, Set.of("a", "b"), POLL);
    pollers.register("ns/two", engine.url(), tokenA, Set.of("b", "a"), POLL);
    pollers.register("ns/dag", engine.url(), tokenA, Set.of("a", "inside-a-dag"), POLL);

    pollers.pollDueNow();
    TenantSnapshot first = pollers.latest("ns/one").orElseThrow();
    assertThat(first.requests()).as("task-stats, workers, workflows, one task-metrics").isEqualTo(4);
    assertThat(first.completedTotal("ns/one")).as("the first window is the baseline").isZero();
    assertThat(first.completedTotal("ns/dag")).as("a task that names no workflow: no count").isEqualTo(-1);
    List<HatchetStubServer.Request> metrics =
        engine.requests("/api/v1/stable/tenants/tenant-a/task-metrics");
    assertThat(metrics).hasSize(1);
    assertThat(metrics.get(0).query()).contains("since=").contains("workflow_ids=wf-a")
        .contains("workflow_ids=wf-b");

    finished[0] = 130;
    clock.advance(POLL);
    pollers.pollDueNow();
    TenantSnapshot second = pollers.latest("ns/two").orElseThrow();
    assertThat(second.requests()).as("the workflow list is read every 5 minutes").isEqualTo(3);
    assertThat(second.completedTotal("ns/one")).isEqualTo(30);
    assertThat(second.completedTotal("ns/two")).isEqualTo(30);
    assertThat(engine.requests("/api/v1/stable/tenants/tenant-a/task-metrics")).hasSize(2);
  }

  @Test
  void anEngineWithoutTaskMetricsStillPollsWithoutCompletions() {
    pollers.register("ns/p", engine.url(), tokenA, Set.of("a"), POLL);

    pollers.pollDueNow();

    TenantSnapshot snapshot = pollers.latest("ns/p").orElseThrow();
    assertThat(snapshot.ok()).isTrue();
    assertThat(snapshot.completedTotal("ns/p")).isEqualTo(-1);
  }

  @Test
  void pollsAtTheShortestIntervalOfItsPools() {
    pollers.register("ns/slow", engine.url(), tokenA, Set.of("a"), Duration.ofSeconds(10));
    pollers.register("ns/fast", engine.url(), tokenA, Set.of("b"), Duration.ofSeconds(1));
    pollers.pollDueNow();

    clock.advance(Duration.ofSeconds(1));

    assertThat(pollers.pollDueNow()).isEqualTo(1);
  }

  @Test
  void backsOffAfterServerErrorsAndHonoursRetryAfter() {
    String stats = "/api/v1/tenants/tenant-a/task-stats";
    List<Answer> script = new CopyOnWriteArrayList<>(List.of(Answer.json(500, "{}"),
        Answer.json(503, "{}"), new Answer(429, "{}", Map.of("Retry-After", "9"), 0),
        Answer.json(200, "{}")));
    engine.on(stats, request -> script.size() > 1 ? script.remove(0) : script.get(0));
    pollers.register("ns/p", engine.url(), tokenA, Set.of("a"), POLL);

    pollers.pollDueNow();
    assertThat(pollers.latest("ns/p").orElseThrow().error().orElseThrow().reason())
        .isEqualTo("EngineError");
    clock.advance(Duration.ofMillis(900));
    assertThat(pollers.pollDueNow()).as("1 s backoff").isZero();
    clock.advance(Duration.ofMillis(1_200));
    assertThat(pollers.pollDueNow()).isEqualTo(1);
    clock.advance(Duration.ofMillis(2_100));
    assertThat(pollers.pollDueNow()).as("2 s backoff after the second failure").isEqualTo(1);
    assertThat(pollers.latest("ns/p").orElseThrow().error().orElseThrow().reason())
        .isEqualTo("RateLimited");
    clock.advance(Duration.ofSeconds(8));
    assertThat(pollers.pollDueNow()).as("Retry-After 9 s beats the 4 s backoff").isZero();
    clock.advance(Duration.ofMillis(1_100));
    assertThat(pollers.pollDueNow()).isEqualTo(1);
    assertThat(pollers.latest("ns/p").orElseThrow().ok()).isTrue();
    assertThat(engine.requests(stats)).hasSize(4);
  }

  @Test
  void movesAPoolWhenItsTokenChangesAndStopsIdleTenants() {
    pollers.register("ns/p", engine.url(), tokenA, Set.of("a"), POLL);
    pollers.register("ns/p", engine.url(), tokenB, Set.of("a"), POLL);

    assertThat(pollers.tenantCount()).isEqualTo(1);
    assertThat(pollers.api("ns/p").orElseThrow().tenantId()).isEqualTo("tenant-b");

    pollers.unregister("ns/p");

    assertThat(pollers.tenantCount()).isZero();
    assertThat(pollers.latest("ns/p")).isEmpty();
  }

  @Test
  void pollsInTheBackgroundAndTellsListeners() {
    List<Set<String>> heard = new CopyOnWriteArrayList<>();
    pollers.addListener((snapshot, pools) -> heard.add(pools));
    pollers.register("ns/a", engine.url(), tokenA, Set.of("a"), POLL);
    pollers.register("ns/b", engine.url(), tokenA, Set.of("b"), POLL);

    pollers.start();

    await().atMost(Duration.ofSeconds(5)).until(() -> !heard.isEmpty());
    assertThat(heard.get(0)).containsExactlyInAnyOrder("ns/a", "ns/b");
  }
}
