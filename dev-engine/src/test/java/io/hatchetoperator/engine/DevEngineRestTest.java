package io.hatchetoperator.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hatchetoperator.proto.dispatcher.DispatcherGrpc;
import io.hatchetoperator.proto.dispatcher.GetVersionRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The REST subset: tenant, task-stats, worker list with paging and labels, pause, errors, 503 switch, metrics. */
class DevEngineRestTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static DevEngine engine;
  private static RawWorker first;
  private static RawWorker second;
  private static RawClient client;

  @BeforeAll
  static void start() {
    engine = DevEngine.start(RawWorker.tolerantSettings());
    first = new RawWorker(engine, "first", 2, Map.of("hold", p -> RawWorker.SILENT));
    second = new RawWorker(engine, "second", 3, Map.of("other", p -> "{}"));
    client = new RawClient(engine);
    await().until(() -> engine.scheduler().workers().stream().allMatch(w -> w.status().equals("ACTIVE")));
  }

  @AfterAll
  static void stop() {
    client.close();
    first.close();
    second.close();
    engine.close();
  }

  @Test
  void the_tenant_answers_with_version_v1() throws Exception {
    JsonNode t = get("/api/v1/tenants/" + engine.tenantId(), 200);
    assertThat(t.at("/metadata/id").asText()).isEqualTo(engine.tenantId());
    assertThat(t.get("version").asText()).isEqualTo("V1");
  }

  @Test
  void task_stats_count_queued_and_running_with_oldest_and_zero_fill_named_tasks() throws Exception {
    for (int i = 0; i < 5; i++) {
      client.run("hold", "{}");
    }
    await().until(() -> get("/api/v1/tenants/" + engine.tenantId() + "/task-stats?taskNames=hold,ghost", 200)
        .at("/hold/queued/total").asInt() == 3);
    JsonNode stats = get("/api/v1/tenants/" + engine.tenantId() + "/task-stats?taskNames=hold,ghost", 200);
    assertThat(stats.at("/hold/running/total").asInt()).isEqualTo(2);
    assertThat(stats.at("/hold/queued/oldest").asText()).endsWith("Z");
    assertThat(stats.at("/ghost/queued/total").asInt()).isZero();

    JsonNode workers = get("/api/v1/tenants/" + engine.tenantId() + "/worker", 200);
    JsonNode busy = workers.get("rows").get(0);
    assertThat(busy.get("name").asText()).isEqualTo("first");
    assertThat(busy.at("/slotConfig/default/limit").asInt()).isEqualTo(2);
    assertThat(busy.at("/slotConfig/default/available").asInt()).isZero();
    assertThat(busy.get("slots")).hasSize(2);
    assertThat(busy.get("status").asText()).isEqualTo("ACTIVE");
    assertThat(busy.get("actions").get(0).asText()).isEqualTo("hold:hold");
  }

  @Test
  void workflows_list_ids_and_task_metrics_count_finished_runs_of_those_workflows() throws Exception {
    JsonNode list = get("/api/v1/tenants/" + engine.tenantId() + "/workflows", 200);
    String otherId = null;
    for (JsonNode row : list.get("rows")) {
      if (row.get("name").asText().equals("other")) {
        otherId = row.at("/metadata/id").asText();
      }
    }
    assertThat(otherId).as("the workflow 'other' is listed: " + list).isNotNull();
    String since = java.time.Instant.now().minusSeconds(1).toString();
    String path = "/api/v1/stable/tenants/" + engine.tenantId() + "/task-metrics?since=" + since
        + "&workflow_ids=" + otherId;
    for (int i = 0; i < 3; i++) {
      client.run("other", "{}");
    }
    await().until(() -> count(get(path, 200), "COMPLETED") == 3);
    JsonNode metrics = get(path, 200);
    assertThat(metrics).hasSize(5);
    assertThat(count(metrics, "QUEUED") + count(metrics, "RUNNING") + count(metrics, "FAILED")).isZero();
    assertThat(count(get(path.replace(since, java.time.Instant.now().plusSeconds(60).toString()), 200),
        "COMPLETED")).as("runs created before since do not count").isZero();
    assertThat(get("/api/v1/stable/tenants/" + engine.tenantId() + "/task-metrics", 400)
        .at("/errors/0/description").asText()).contains("since is missing");
    assertThat(get("/api/v1/tenants/" + engine.tenantId() + "/task-metrics?since=" + since, 404)
        .at("/errors/0/description").asText()).contains("/api/v1/stable/");
  }

  private static long count(JsonNode metrics, String status) {
    for (JsonNode row : metrics) {
      if (row.get("status").asText().equals(status)) {
        return row.get("count").asLong();
      }
    }
    throw new AssertionError("no " + status + " in " + metrics);
  }

  @Test
  void the_worker_list_pages_the_hatchet_way() throws Exception {
    JsonNode page = get("/api/v1/tenants/" + engine.tenantId() + "/worker?limit=1&offset=1", 200);
    assertThat(page.get("rows")).hasSize(1);
    assertThat(page.at("/rows/0/name").asText()).isEqualTo("second");
    assertThat(page.at("/pagination/current_page").asInt()).isEqualTo(2);
    int all = get("/api/v1/tenants/" + engine.tenantId() + "/worker", 200).get("rows").size();
    assertThat(page.at("/pagination/num_pages").asInt()).isEqualTo(all);
    assertThat(page.at("/pagination/next_page").asInt()).isEqualTo(Math.min(3, all));
    assertThat(get("/api/v1/tenants/" + engine.tenantId() + "/worker?limit=0", 400).at("/errors/0/description").asText())
        .contains("limit = '0'");
  }

  @Test
  void patch_pauses_a_worker_and_bad_bodies_or_ids_get_400_or_404() throws Exception {
    String path = "/api/v1/workers/" + second.workerId;
    JsonNode paused = send("PATCH", path, "{\"isPaused\":true}", 200);
    assertThat(paused.get("status").asText()).isEqualTo("PAUSED");
    assertThat(get(path, 200).get("status").asText()).isEqualTo("PAUSED");
    assertThat(send("PATCH", path, "{\"isPaused\":false}", 200).get("status").asText()).isEqualTo("ACTIVE");
    assertThat(send("PATCH", path, "{\"isPaused\":\"yes\"}", 400).at("/errors/0/description").asText())
        .contains("isPaused");
    assertThat(send("PATCH", path, "{broken", 400).at("/errors/0/description").asText()).contains("not JSON");
    send("PATCH", "/api/v1/workers/" + java.util.UUID.randomUUID(), "{\"isPaused\":true}", 404);
    send("PATCH", "/api/v1/workers/not-a-uuid", "{\"isPaused\":true}", 400);
  }

  @Test
  void preset_and_upserted_labels_show_in_the_worker_json() throws Exception {
    var dispatcher = DispatcherGrpc.newBlockingStub(client.channel).withCallCredentials(RawWorker.bearer(engine.token()));
    String id = dispatcher.register(io.hatchetoperator.proto.dispatcher.WorkerRegisterRequest.newBuilder()
        .setWorkerName("labelled").addActions("x:x").putSlotConfig("default", 1)
        .putLabels("hatchet-operator.io/pool", label("resize"))
        .putLabels("hatchet-operator.io/pod", label("resize-7d9f-abcde")).build()).getWorkerId();
    dispatcher.upsertWorkerLabels(io.hatchetoperator.proto.dispatcher.UpsertWorkerLabelsRequest.newBuilder()
        .setWorkerId(id).putLabels("zone", io.hatchetoperator.proto.dispatcher.WorkerLabels.newBuilder().setIntValue(3)
            .build()).build());
    JsonNode w = get("/api/v1/workers/" + id, 200);
    assertThat(w.get("labels").findValuesAsText("key"))
        .containsExactlyInAnyOrder("hatchet-operator.io/pool", "hatchet-operator.io/pod", "zone");
    assertThat(w.get("labels").findValuesAsText("value")).contains("resize", "resize-7d9f-abcde", "3");
    assertThat(w.get("status").asText()).isEqualTo("INACTIVE");
  }

  private static io.hatchetoperator.proto.dispatcher.WorkerLabels label(String value) {
    return io.hatchetoperator.proto.dispatcher.WorkerLabels.newBuilder().setStrValue(value).build();
  }

  @Test
  void requests_without_the_bearer_token_get_401_json() throws Exception {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri("/api/v1/tenants/" + engine.tenantId())).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(JSON.readTree(r.body()).at("/errors/0/description").asText()).contains("no authorization header");
  }

  @Test
  void switching_rest_off_gives_503_while_grpc_keeps_working() throws Exception {
    engine.setRestAvailable(false);
    try {
      assertThat(get("/api/v1/tenants/" + engine.tenantId() + "/worker", 503).at("/errors/0/description").asText())
          .contains("switched off");
      assertThat(DispatcherGrpc.newBlockingStub(client.channel).withCallCredentials(RawWorker.bearer(engine.token()))
          .getVersion(GetVersionRequest.getDefaultInstance()).getVersion()).startsWith("v0.");
    } finally {
      engine.setRestAvailable(true);
    }
    get("/api/v1/tenants/" + engine.tenantId() + "/worker", 200);
  }

  @Test
  void metrics_expose_slot_and_queue_gauges_with_hatchet_names() throws Exception {
    String text = HTTP.send(HttpRequest.newBuilder(uri("/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
    assertThat(text).contains("hatchet_tenant_worker_slots{tenant_id=\"" + engine.tenantId() + "\",worker_id=\""
        + first.workerId + "\",worker_name=\"first\"} 2");
    assertThat(text).contains("hatchet_tenant_queue_size{").contains("hatchet_tenant_created_tasks_total{");
  }

  private static JsonNode get(String path, int status) throws Exception {
    return send("GET", path, null, status);
  }

  private static JsonNode send(String method, String path, String body, int status) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + engine.token())
        .timeout(Duration.ofSeconds(5));
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(method + " " + path + " -> " + r.body()).isEqualTo(status);
    return JSON.readTree(r.body());
  }

  private static URI uri(String path) {
    return URI.create(engine.serverUrl().replace("localhost", "127.0.0.1") + path);
  }
}
