package io.hatchetoperator.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hatchetoperator.proto.dispatcher.AssignedAction;
import io.hatchetoperator.proto.events.EventsServiceGrpc;
import io.hatchetoperator.proto.events.PushEventRequest;
import io.hatchetoperator.proto.v1.AdminServiceGrpc;
import io.hatchetoperator.proto.v1.CreateTaskOpts;
import io.hatchetoperator.proto.v1.CreateWorkflowVersionRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Scheduled runs, crons and v1 filters over REST with Hatchet's paths and bodies, on an engine whose clock the test
 * moves: a schedule starts at its time and not before, a deleted one never does, a cron fires on its (seconds)
 * expression until deleted, a filter gates events, and bad input gets a 400 naming the field and the value.
 */
class TriggerRestTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ManualClock CLOCK = new ManualClock();
  private static DevEngine engine;
  private static RawWorker worker;
  private static RawClient client;
  private static String base;

  @BeforeAll
  static void start() {
    engine = DevEngine.start(RawWorker.tolerantSettings().withClock(CLOCK).withSweepInterval(Duration.ofMillis(5)));
    Map<String, java.util.function.Function<String, String>> tasks = new java.util.HashMap<>();
    for (String t : List.of("sched", "gone", "tick", "gated", "bulk")) {
      tasks.put(t, p -> "{}");
    }
    worker = new RawWorker(engine, "timed", 20, tasks);
    client = new RawClient(engine);
    var admin = AdminServiceGrpc.newBlockingStub(client.channel).withCallCredentials(RawWorker.bearer(engine.token()));
    for (String t : tasks.keySet()) {
      CreateWorkflowVersionRequest.Builder b = CreateWorkflowVersionRequest.newBuilder().setName(t)
          .addTasks(CreateTaskOpts.newBuilder().setReadableId(t).setAction(t + ":" + t));
      admin.putWorkflow((t.equals("gated") ? b.addEventTriggers("gate:*") : b).build());
    }
    admin.putWorkflow(CreateWorkflowVersionRequest.newBuilder().setName("declares").addEventTriggers("decl:*")
        .addCronTriggers("0 0 * * *").setCronInput("{\"from\":\"code\"}")
        .addDefaultFilters(io.hatchetoperator.proto.v1.DefaultFilter.newBuilder().setScope("d").setExpression("true"))
        .addTasks(CreateTaskOpts.newBuilder().setReadableId("declares").setAction("declares:declares")).build());
    base = "/api/v1/tenants/" + engine.tenantId() + "/workflows/";
    await().until(() -> engine.scheduler().workers().get(0).status().equals("ACTIVE"));
  }

  @AfterAll
  static void stop() {
    client.close();
    worker.close();
    engine.close();
  }

  private static List<AssignedAction> received(String task) {
    return worker.received().stream().filter(a -> a.getActionId().equals(task + ":" + task)).toList();
  }

  /** Moves the engine's clock; the worker's heartbeat (every 4 s of real time) is counted as having kept up. */
  private static void advance(Duration d) {
    CLOCK.advance(d);
    engine.scheduler().workers().forEach(w -> engine.scheduler().heartbeat(w.id()));
  }

  private static String at(long millis) {
    return Instant.ofEpochMilli(millis).toString();
  }

  @Test
  void a_schedule_created_over_rest_starts_at_its_time_on_the_engine_clock_and_the_api_shows_its_run() throws Exception {
    long at = CLOCK.millis() + 3_000;
    JsonNode s = send("POST", base + "sched/scheduled", "{\"triggerAt\":\"" + at(at) + "\",\"input\":{\"n\":1},"
        + "\"additionalMetadata\":{\"k\":\"v\"},\"priority\":3}", 200);
    String id = s.at("/metadata/id").asText();
    assertThat(s.get("workflowName").asText()).isEqualTo("sched");
    assertThat(s.get("triggerAt").asText()).isEqualTo(at(at));
    assertThat(s.get("method").asText()).isEqualTo("API");
    assertThat(s.get("priority").asInt()).isEqualTo(3);
    assertThat(s.at("/input/n").asInt()).isEqualTo(1);
    assertThat(s.at("/additionalMetadata/k").asText()).isEqualTo("v");
    assertThat(s.has("workflowRunId")).isFalse();
    Thread.sleep(100); // ~20 sweeps on the unmoved clock
    advance(Duration.ofMillis(2_999));
    Thread.sleep(50);
    assertThat(received("sched")).isEmpty();
    advance(Duration.ofMillis(1));
    await().atMost(Duration.ofSeconds(5)).until(() -> received("sched").size() == 1);
    AssignedAction a = received("sched").get(0);
    assertThat(a.getActionPayload()).startsWith("{\"input\":{\"n\":1}");
    assertThat(a.getAdditionalMetadata()).contains("\"k\":\"v\"");
    assertThat(a.getPriority()).isEqualTo(3);
    JsonNode got = send("GET", base + "scheduled/" + id, null, 200);
    assertThat(got.get("workflowRunId").asText()).isEqualTo(a.getWorkflowRunId());
    assertThat(got.get("workflowRunCreatedAt").asText()).isEqualTo(at(at));
    assertThat(got.get("workflowRunStatus").asText()).isIn("RUNNING", "SUCCEEDED");
    String wfId = engine.scheduler().registry().get("name", "sched").id();
    JsonNode list = send("GET", base + "scheduled?workflowId=" + wfId + "&additionalMetadata=k:v", null, 200);
    assertThat(list.get("rows")).extracting(r -> r.at("/metadata/id").asText()).containsExactly(id);
    assertThat(send("GET", base + "scheduled?additionalMetadata=k:other", null, 200).get("rows")).isEmpty();
  }

  @Test
  void a_deleted_schedule_never_runs() throws Exception {
    long at = CLOCK.millis() + 2_000;
    String body = "{\"triggerAt\":\"" + at(at) + "\",\"input\":{\"tag\":\"%s\"},\"additionalMetadata\":{}}";
    send("POST", base + "gone/scheduled", body.formatted("kept"), 200);
    String deleted = send("POST", base + "gone/scheduled", body.formatted("deleted"), 200).at("/metadata/id").asText();
    assertThat(send("DELETE", base + "scheduled/" + deleted, null, 204)).isNull();
    send("GET", base + "scheduled/" + deleted, null, 404);
    advance(Duration.ofSeconds(2));
    await().atMost(Duration.ofSeconds(5)).until(() -> received("gone").size() == 1);
    advance(Duration.ofSeconds(5));
    Thread.sleep(100);
    assertThat(received("gone")).hasSize(1);
    assertThat(received("gone").get(0).getActionPayload()).contains("\"tag\":\"kept\"");
  }

  @Test
  void a_cron_created_over_rest_fires_on_its_seconds_expression_until_it_is_deleted() throws Exception {
    JsonNode c = send("POST", base + "tick/crons", "{\"cronName\":\"ten\",\"cronExpression\":\"*/10 * * * * *\","
        + "\"input\":{\"from\":\"cron\"},\"additionalMetadata\":{\"c\":\"1\"}}", 200);
    assertThat(c.get("cron").asText()).isEqualTo("*/10 * * * * *");
    assertThat(c.get("name").asText()).isEqualTo("ten");
    assertThat(c.get("enabled").asBoolean()).isTrue();
    assertThat(send("GET", base + "crons?cronName=ten", null, 200).get("rows")).hasSize(1);
    assertThat(send("GET", base + "crons/" + c.at("/metadata/id").asText(), null, 200).get("workflowName").asText())
        .isEqualTo("tick");
    advance(Duration.ofMillis(10_000 - CLOCK.millis() % 10_000 - 1));
    Thread.sleep(50);
    assertThat(received("tick")).isEmpty();
    advance(Duration.ofMillis(1));
    await().atMost(Duration.ofSeconds(5)).until(() -> received("tick").size() == 1);
    assertThat(received("tick").get(0).getActionPayload()).startsWith("{\"input\":{\"from\":\"cron\"}");
    advance(Duration.ofSeconds(10));
    await().atMost(Duration.ofSeconds(5)).until(() -> received("tick").size() == 2);
    send("DELETE", base + "crons/" + c.at("/metadata/id").asText(), null, 204);
    advance(Duration.ofSeconds(30));
    Thread.sleep(100);
    assertThat(received("tick")).hasSize(2);
    assertThat(send("GET", base + "crons?cronName=ten", null, 200).get("rows")).isEmpty();
  }

  @Test
  void a_filter_created_over_rest_gates_the_workflow_s_events_until_it_is_deleted() throws Exception {
    String filters = "/api/v1/stable/tenants/" + engine.tenantId() + "/filters";
    String wfId = engine.scheduler().registry().get("name", "gated").id();
    JsonNode f = send("POST", filters, "{\"workflowId\":\"" + wfId + "\",\"scope\":\"s\",\"expression\":"
        + "\"input.n > 1\",\"payload\":{\"tier\":\"gold\"}}", 200);
    assertThat(f.get("isDeclarative").asBoolean()).isFalse();
    assertThat(f.at("/payload/tier").asText()).isEqualTo("gold");
    String id = f.at("/metadata/id").asText();
    assertThat(send("GET", filters + "?workflowIds=" + wfId + "&scopes=s", null, 200).get("rows")).hasSize(1);
    assertThat(send("GET", filters + "?scopes=other", null, 200).get("rows")).isEmpty();
    assertThat(send("GET", filters + "/" + id, null, 200).get("expression").asText()).isEqualTo("input.n > 1");
    var events = EventsServiceGrpc.newBlockingStub(client.channel).withCallCredentials(RawWorker.bearer(engine.token()));
    events.push(PushEventRequest.newBuilder().setKey("gate:x").setPayload("{\"n\":0}").setScope("s").build());
    events.push(PushEventRequest.newBuilder().setKey("gate:x").setPayload("{\"n\":5}").build());
    events.push(PushEventRequest.newBuilder().setKey("gate:x").setPayload("{\"n\":7}").setScope("s").build());
    await().atMost(Duration.ofSeconds(5)).until(() -> received("gated").size() == 1);
    Thread.sleep(100);
    assertThat(received("gated")).hasSize(1);
    assertThat(received("gated").get(0).getActionPayload()).contains("\"n\":7")
        .contains("\"filter_payload\":{\"tier\":\"gold\"}");
    assertThat(send("DELETE", filters + "/" + id, null, 200).at("/metadata/id").asText()).isEqualTo(id);
    events.push(PushEventRequest.newBuilder().setKey("gate:x").setPayload("{\"n\":0}").build());
    await().atMost(Duration.ofSeconds(5)).until(() -> received("gated").size() == 2);
  }

  @Test
  void schedules_are_rescheduled_and_bulk_changed_crons_paused_and_filters_updated_over_rest() throws Exception {
    long at = CLOCK.millis() + 60_000;
    String body = "{\"triggerAt\":\"" + at(at) + "\",\"input\":{\"tag\":\"%s\"},\"additionalMetadata\":{\"grp\":\"%s\"}}";
    String a = send("POST", base + "bulk/scheduled", body.formatted("a", "x"), 200).at("/metadata/id").asText();
    String b = send("POST", base + "bulk/scheduled", body.formatted("b", "x"), 200).at("/metadata/id").asText();
    String c = send("POST", base + "bulk/scheduled", body.formatted("c", "y"), 200).at("/metadata/id").asText();
    assertThat(send("PATCH", base + "scheduled/" + c, "{\"triggerAt\":\"" + at(at + 1_000) + "\"}", 200)
        .get("triggerAt").asText()).isEqualTo(at(at + 1_000));
    String wfId = engine.scheduler().registry().get("name", "bulk").id();
    JsonNode deleted = send("POST", base + "scheduled/bulk-delete", "{\"filter\":{\"workflowId\":\"" + wfId
        + "\",\"additionalMetadata\":[\"grp:x\"]}}", 200);
    assertThat(deleted.get("deletedIds")).extracting(JsonNode::asText).containsExactlyInAnyOrder(a, b);
    JsonNode updated = send("POST", base + "scheduled/bulk-update", "{\"updates\":[{\"id\":\"" + c
        + "\",\"triggerAt\":\"" + at(at + 2_000) + "\"},{\"id\":\"" + a + "\",\"triggerAt\":\"" + at(at) + "\"}]}", 200);
    assertThat(updated.get("updatedIds")).extracting(JsonNode::asText).containsExactly(c);
    assertThat(updated.at("/errors/0/id").asText()).isEqualTo(a);
    assertThat(error("POST", base + "scheduled/bulk-delete", "{}", 400)).contains("neither scheduledWorkflowRunIds");
    advance(Duration.ofMillis(at + 1_999 - CLOCK.millis()));
    Thread.sleep(50);
    assertThat(received("bulk")).as("not at its first or second time").isEmpty();
    advance(Duration.ofMillis(1));
    await().atMost(Duration.ofSeconds(5)).until(() -> received("bulk").size() == 1);
    assertThat(received("bulk").get(0).getActionPayload()).contains("\"tag\":\"c\"");

    String cron = send("POST", base + "bulk/crons", "{\"cronName\":\"p\",\"cronExpression\":\"* * * * *\"}", 200)
        .at("/metadata/id").asText();
    send("PATCH", base + "crons/" + cron, "{\"enabled\":false}", 204);
    assertThat(send("GET", base + "crons/" + cron, null, 200).get("enabled").asBoolean()).isFalse();
    assertThat(error("PATCH", base + "crons/" + cron, "{\"enabled\":\"no\"}", 400)).contains("enabled = \"no\"");
    send("DELETE", base + "crons/" + cron, null, 204);

    String filters = "/api/v1/stable/tenants/" + engine.tenantId() + "/filters";
    String f = send("POST", filters, "{\"workflowId\":\"" + wfId + "\",\"scope\":\"u\",\"expression\":\"true\"}", 200)
        .at("/metadata/id").asText();
    JsonNode patched = send("PATCH", filters + "/" + f, "{\"expression\":\"input.n > 100\"}", 200);
    assertThat(patched.get("expression").asText()).isEqualTo("input.n > 100");
    assertThat(patched.get("scope").asText()).isEqualTo("u");
    send("DELETE", filters + "/" + f, null, 200);
  }

  @Test
  void crons_and_filters_a_workflow_declares_are_listed_as_hatchet_lists_them_and_not_deleted_over_rest()
      throws Exception {
    JsonNode crons = send("GET", base + "crons?workflowName=declares", null, 200).get("rows");
    assertThat(crons).hasSize(1);
    JsonNode cron = crons.get(0);
    assertThat(cron.get("method").asText()).isEqualTo("DEFAULT");
    assertThat(cron.get("cron").asText()).isEqualTo("0 0 * * *");
    assertThat(cron.at("/input/from").asText()).isEqualTo("code");
    String cronId = cron.at("/metadata/id").asText();
    assertThat(send("GET", base + "crons/" + cronId, null, 200).get("workflowName").asText()).isEqualTo("declares");
    assertThat(error("DELETE", base + "crons/" + cronId, null, 400)).contains("is declared by its workflow");
    String filters = "/api/v1/stable/tenants/" + engine.tenantId() + "/filters";
    String wfId = engine.scheduler().registry().get("name", "declares").id();
    JsonNode declared = send("GET", filters + "?workflowIds=" + wfId, null, 200).get("rows");
    assertThat(declared).hasSize(1);
    assertThat(declared.get(0).get("isDeclarative").asBoolean()).isTrue();
    assertThat(declared.get(0).get("scope").asText()).isEqualTo("d");
    String filterId = declared.get(0).at("/metadata/id").asText();
    assertThat(send("GET", filters + "/" + filterId, null, 200).get("expression").asText()).isEqualTo("true");
    assertThat(error("DELETE", filters + "/" + filterId, null, 400)).contains("default_filters");
    // what hatchet.workflows.get(name) sends to find the workflow id a filter needs: a case-insensitive search
    JsonNode found = send("GET", base.substring(0, base.length() - 1) + "?name=DECLARE", null, 200).get("rows");
    assertThat(found).extracting(r -> r.get("name").asText()).containsExactly("declares");
  }

  @Test
  void bad_requests_get_a_400_naming_the_field_the_value_and_the_fix() throws Exception {
    assertThat(error("POST", base + "sched/scheduled", "{\"input\":{}}", 400)).contains("triggerAt = null");
    assertThat(error("POST", base + "sched/scheduled", "{\"triggerAt\":\"tomorrow\"}", 400))
        .contains("triggerAt = 'tomorrow' is not an RFC 3339 time");
    assertThat(error("POST", base + "nope/scheduled", "{\"triggerAt\":\"2030-01-01T00:00:00Z\"}", 400))
        .contains("'nope' is not a registered workflow");
    assertThat(error("POST", base + "sched/scheduled", "{\"triggerAt\":\"2030-01-01T00:00:00Z\",\"input\":[1]}", 400))
        .contains("input = [1] is not a JSON object");
    assertThat(error("POST", base + "sched/scheduled", "{\"triggerAt\":\"2030-01-01T00:00:00Z\",\"priority\":7}",
        400)).contains("priority must be between 1 and 3, got 7");
    assertThat(error("POST", base + "sched/scheduled", "not json", 400)).contains("the body is not JSON");
    assertThat(error("POST", base + "tick/crons", "{\"cronName\":\"x\",\"cronExpression\":\"61 * * * *\"}", 400))
        .contains("cronExpression = '61 * * * *'");
    assertThat(error("POST", base + "tick/crons", "{\"cronExpression\":\"* * * * *\"}", 400))
        .contains("cronName = null");
    assertThat(error("GET", base + "scheduled/not-a-uuid", null, 400)).contains("not-a-uuid");
    assertThat(error("GET", base + "crons/" + UUID.randomUUID(), null, 404)).contains("is not known");
    assertThat(error("PATCH", base + "crons/" + UUID.randomUUID(), "{}", 404)).contains("is not known");
    assertThat(error("PUT", base + "crons/" + UUID.randomUUID(), "{}", 405)).contains("PUT is not allowed");
    assertThat(error("GET", base + "scheduled?orderByDirection=UP", null, 400)).contains("orderByDirection = 'UP'");
    String filters = "/api/v1/stable/tenants/" + engine.tenantId() + "/filters";
    assertThat(error("POST", filters, "{\"workflowId\":\"" + UUID.randomUUID() + "\",\"scope\":\"s\","
        + "\"expression\":\"true\"}", 400)).contains("is not the id of a registered workflow");
    String wfId = engine.scheduler().registry().get("name", "gated").id();
    assertThat(error("POST", filters, "{\"workflowId\":\"" + wfId + "\",\"scope\":\"s\",\"expression\":\"input.n >\"}",
        400)).contains("expression = 'input.n >'");
    send("GET", "/api/v1/tenants/" + UUID.randomUUID() + "/workflows/scheduled", null, 404);
    HttpResponse<String> noToken = HTTP.send(HttpRequest.newBuilder(URI.create(engine.serverUrl() + base
        + "scheduled")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(noToken.statusCode()).isEqualTo(401);
  }

  private static String error(String method, String path, String body, int status) throws Exception {
    return send(method, path, body, status).at("/errors/0/description").asText();
  }

  private static JsonNode send(String method, String path, String body, int status) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(engine.serverUrl() + path))
        .header("Authorization", "Bearer " + engine.token()).header("Content-Type", "application/json")
        .timeout(Duration.ofSeconds(5));
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(method + " " + path + " -> " + r.body()).isEqualTo(status);
    return r.body().isEmpty() ? null : JSON.readTree(r.body());
  }
}
