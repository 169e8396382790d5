package io.hatchetoperator.operator.engine;

import static io.hatchetoperator.operator.engine.HatchetJson.poolWorker;
import static io.hatchetoperator.operator.engine.HatchetJson.taskStat;
import static io.hatchetoperator.operator.engine.HatchetJson.workerList;
import static org.assertj.core.api.Assertions.assertThat;

import io.hatchetoperator.operator.engine.EngineWorker.Status;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EngineRestClientTest {

  static final String TENANT = "707d0855-80ab-4e1f-a156-f1c4546cbf52";
  static final String STATS = "/api/v1/tenants/" + TENANT + "/task-stats";
  static final String WORKERS = "/api/v1/tenants/" + TENANT + "/worker";

  HatchetStubServer engine;
  String rawToken;
  EngineRestClient client;

  @BeforeEach
  void start() throws Exception {
    engine = new HatchetStubServer();
    rawToken = HatchetJson.token(TENANT);
    client = client(EngineClientSettings.DEFAULTS);
  }

  @AfterEach
  void stop() {
    engine.close();
  }

  EngineRestClient client(EngineClientSettings settings) {
    return new EngineRestClient(engine.url(), EngineToken.parse(rawToken), settings,
        EngineRestClient.httpClient(settings));
  }

  @Test
  void readsTaskStatsForTheRequestedTasksWithTheBearerToken() {
    engine.on(STATS, 200, "{" + taskStat("resize", 130, 20, "2026-11-28T10:00:00.5Z") + ","
        + taskStat("thumbnail", 0, 3, null) + "}");

    Map<String, TaskStats> stats = client.taskStats(List.of("thumbnail", "resize", "unknown"));

    assertThat(stats.get("resize")).isEqualTo(new TaskStats("resize", 130, 20,
        Optional.of(Instant.parse("2026-11-28T10:00:00.5Z"))));
    assertThat(stats.get("thumbnail").running()).isEqualTo(3);
    assertThat(stats.get("unknown")).isEqualTo(TaskStats.empty("unknown"));
    HatchetStubServer.Request request = engine.requests(STATS).get(0);
    assertThat(request.query()).isEqualTo("taskNames=resize,thumbnail,unknown");
    assertThat(request.authorization()).isEqualTo("Bearer " + rawToken);
  }

  @Test
  void readsEveryPageOfTheWorkerList() {
    engine.on(WORKERS, request -> switch (request.query()) {
      case "offset=0&limit=2" -> HatchetStubServer.Answer.json(200, workerList(
          List.of(poolWorker("w1", "pool-a", "pod-1", 2, 5), poolWorker("w2", "pool-a", "pod-2", 0,
              5)), 1, 3));
      case "offset=2&limit=2" -> HatchetStubServer.Answer.json(200, workerList(
          List.of(poolWorker("w3", "pool-b", "pod-3", 5, 5), poolWorker("w4", "pool-b", "pod-4", 1,
              5)), 2, 3));
      default -> HatchetStubServer.Answer.json(200, workerList(
          List.of(HatchetJson.worker("w5", "PAUSED", 0, 5, Map.of())), 3, 3));
    });

    List<EngineWorker> workers = client(EngineClientSettings.DEFAULTS.withWorkerPageSize(2))
        .workers();

    assertThat(workers).extracting(EngineWorker::id).containsExactly("w1", "w2", "w3", "w4", "w5");
    assertThat(workers.get(0)).isEqualTo(new EngineWorker("w1", "w-w1", Status.ACTIVE, 2, 5, true,
        Map.of("hatchet-operator.io/pool", "pool-a", "hatchet-operator.io/pod", "pod-1"),
        java.time.Instant.parse("2026-01-01T00:00:00Z")));
    assertThat(workers.get(1).idle()).isTrue();
    assertThat(workers.get(4).status()).isEqualTo(Status.PAUSED);
    assertThat(engine.requests(WORKERS)).hasSize(3);
  }

  @Test
  void readsOneUnpaginatedListAndOldSlotFields() {
    engine.on(WORKERS, 200, "{\"rows\":[{\"metadata\":{\"id\":\"w1\"},\"name\":\"old\","
        + "\"status\":\"ACTIVE\",\"maxRuns\":4,\"availableRuns\":1,\"labels\":[]},"
        + "{\"metadata\":{\"id\":\"w2\"},\"name\":\"webhook\",\"labels\":[]}]}");

    List<EngineWorker> workers = client.workers();

    assertThat(workers.get(0).busySlots()).isEqualTo(3);
    assertThat(workers.get(0).slotLimit()).isEqualTo(4);
    assertThat(workers.get(1).slotsReported()).isFalse();
    assertThat(workers.get(1).idle()).as("no slot figures: never treated as idle").isFalse();
    assertThat(engine.requests(WORKERS)).hasSize(1);
  }

  @Test
  void readsLabelsOnceByIdWhenTheListLeavesThemOut() {
    engine.on(WORKERS, 200, "{\"rows\":[{\"metadata\":{\"id\":\"w1\"},\"name\":\"n\","
        + "\"status\":\"ACTIVE\",\"slotConfig\":{\"default\":{\"available\":1,\"limit\":1}}},"
        + "{\"metadata\":{\"id\":\"w2\"},\"name\":\"gone\",\"status\":\"INACTIVE\"}]}");
    engine.on("/api/v1/workers/w1", 200, poolWorker("w1", "pool-a", "pod-1", 0, 1));

    client.workers();
    List<EngineWorker> workers = client.workers();

    assertThat(workers.get(0).label("hatchet-operator.io/pod")).isEqualTo("pod-1");
    assertThat(workers.get(1).labels()).isEmpty();
    assertThat(engine.requests("/api/v1/workers/w1")).hasSize(1);
    assertThat(engine.requests("/api/v1/workers/w2")).isEmpty();
  }

  @Test
  void aWorkerThatVanishedBeforeItsLabelsWereReadDoesNotFailThePoll() {
    engine.on(WORKERS, 200, "{\"rows\":[{\"metadata\":{\"id\":\"gone\"},\"name\":\"n\","
        + "\"status\":\"ACTIVE\",\"slotConfig\":{\"default\":{\"available\":1,\"limit\":1}}}]}");

    List<EngineWorker> workers = client.workers();
    client.workers();

    assertThat(workers).singleElement().satisfies(w -> assertThat(w.labels()).isEmpty());
    assertThat(engine.requests("/api/v1/workers/gone")).as("retried, not cached").hasSize(2);
  }

  @Test
  void pausesAndUnpausesAWorker() {
    engine.on("/api/v1/workers/w1", 200, poolWorker("w1", "pool-a", "pod-1", 0, 1));

    client.setPaused("w1", true);
    client.setPaused("w1", false);

    assertThat(engine.requests("/api/v1/workers/w1"))
        .extracting(HatchetStubServer.Request::method, HatchetStubServer.Request::body)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("PATCH", "{\"isPaused\":true}"),
            org.assertj.core.groups.Tuple.tuple("PATCH", "{\"isPaused\":false}"));
  }

  @Test
  void asksNothingForNoTasks() {
    assertThat(client.taskStats(List.of())).isEmpty();
    assertThat(engine.requests()).isEmpty();
  }
}
