package io.hatchetoperator.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.Timestamp;
import io.grpc.StatusRuntimeException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hatchetoperator.proto.dispatcher.AssignedAction;
import io.hatchetoperator.proto.dispatcher.DispatcherGrpc;
import io.hatchetoperator.proto.dispatcher.ResourceEventType;
import io.hatchetoperator.proto.dispatcher.SubscribeToWorkflowEventsRequest;
import io.hatchetoperator.proto.dispatcher.WorkflowEvent;
import io.hatchetoperator.proto.events.PutLogRequest;
import io.hatchetoperator.proto.events.PutStreamEventRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CopyOnWriteArrayList;
import io.hatchetoperator.proto.dispatcher.WorkflowRunEvent;
import io.hatchetoperator.proto.events.EventsServiceGrpc;
import io.hatchetoperator.proto.events.PushEventRequest;
import io.hatchetoperator.proto.v1.AdminServiceGrpc;
import io.hatchetoperator.proto.v1.CreateTaskOpts;
import io.hatchetoperator.proto.v1.CreateWorkflowVersionRequest;
import io.hatchetoperator.proto.v1.TriggerWorkflowRequest;
import io.hatchetoperator.proto.workflows.ScheduleWorkflowRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Scheduled runs on the engine's clock, child runs (linkage, dedupe, result), event triggers, rejected features. */
class FlowFeaturesTest {

  private static final ManualClock CLOCK = new ManualClock();
  private static DevEngine engine;
  private static RawWorker worker;
  private static RawClient client;

  @BeforeAll
  static void start() {
    engine = DevEngine.start(RawWorker.tolerantSettings().withClock(CLOCK).withSweepInterval(Duration.ofMillis(5)));
    Map<String, java.util.function.Function<String, String>> tasks = new java.util.HashMap<>();
    tasks.put("later", p -> "{\"ok\":true}");
    tasks.put("parent", p -> RawWorker.SILENT);
    tasks.put("kid", p -> "{\"kid\":\"done\"}");
    tasks.put("talk", p -> RawWorker.SILENT);
    for (String t : List.of("evA", "evB", "evC")) {
      tasks.put(t, p -> "{}");
    }
    worker = new RawWorker(engine, "flow", 20, tasks);
    client = new RawClient(engine);
    on("evA", "order:*");
    on("evB", "order:paid");
    on("evC", "order:shipped");
    await().until(() -> engine.scheduler().workers().get(0).status().equals("ACTIVE"));
  }

  @AfterAll
  static void stop() {
    client.close();
    worker.close();
    engine.close();
  }

  private static AdminServiceGrpc.AdminServiceBlockingStub admin() {
    return AdminServiceGrpc.newBlockingStub(client.channel).withCallCredentials(RawWorker.bearer(engine.token()));
  }

  private static void on(String task, String eventKey) {
    admin().putWorkflow(CreateWorkflowVersionRequest.newBuilder().setName(task).addEventTriggers(eventKey)
        .addTasks(CreateTaskOpts.newBuilder().setReadableId(task).setAction(task + ":" + task)).build());
  }

  private static List<AssignedAction> received(String action) {
    return worker.received().stream().filter(a -> a.getActionId().equals(action)).toList();
  }

  @Test
  void a_scheduled_run_starts_when_the_engine_clock_reaches_its_time_and_not_before() throws Exception {
    long at = CLOCK.millis() + 3_000;
    var version = client.blocking.scheduleWorkflow(ScheduleWorkflowRequest.newBuilder().setName("later")
        .addSchedules(Timestamp.newBuilder().setSeconds(at / 1000)).setInput("{\"n\":1}").build());
    assertThat(version.getScheduledWorkflows(0).getId()).isNotBlank();
    Thread.sleep(150); // ~30 sweeps on the unmoved clock
    assertThat(received("later:later")).isEmpty();
    CLOCK.advance(Duration.ofMillis(2_999));
    Thread.sleep(50);
    assertThat(received("later:later")).isEmpty();
    CLOCK.advance(Duration.ofMillis(1));
    await().atMost(Duration.ofSeconds(5)).until(() -> received("later:later").size() == 1);
    assertThat(received("later:later").get(0).getActionPayload()).startsWith("{\"input\":{\"n\":1}");
  }

  @Test
  void a_child_is_linked_to_its_parent_deduped_by_key_and_its_output_reaches_the_parent() throws Exception {
    String parentRun = client.blocking.triggerWorkflow(TriggerWorkflowRequest.newBuilder().setName("parent")
        .setInput("{}").build()).getWorkflowRunId();
    await().until(() -> received("parent:parent").stream().anyMatch(a -> a.getWorkflowRunId().equals(parentRun)));
    String parentTask = received("parent:parent").get(0).getTaskRunExternalId();
    TriggerWorkflowRequest child = TriggerWorkflowRequest.newBuilder().setName("kid").setInput("{}")
        .setParentId(parentRun).setParentTaskRunExternalId(parentTask).setChildIndex(0).setChildKey("k1").build();
    String childRun = client.blocking.triggerWorkflow(child).getWorkflowRunId();
    assertThat(client.blocking.triggerWorkflow(child.toBuilder().setChildIndex(1).build()).getWorkflowRunId())
        .isEqualTo(childRun);
    WorkflowRunEvent done = client.result(childRun).get(5, TimeUnit.SECONDS);
    assertThat(done.getResults(0).getOutput()).contains("\"kid\":\"done\"");
    assertThat(received("kid:kid")).hasSize(1);
    AssignedAction a = received("kid:kid").get(0);
    assertThat(a.getChildWorkflowKey()).isEqualTo("k1");
    assertThat(a.getChildWorkflowIndex()).isZero();
  }

  @Test
  void an_event_starts_exactly_the_workflows_whose_triggers_match_its_key_with_payload_and_metadata() {
    var events = EventsServiceGrpc.newBlockingStub(client.channel).withCallCredentials(RawWorker.bearer(engine.token()));
    String id = events.push(PushEventRequest.newBuilder().setKey("order:paid").setPayload("{\"sum\":9}")
        .setAdditionalMetadata("{\"shop\":\"s1\"}").build()).getEventId();
    await().until(() -> received("evA:evA").size() + received("evB:evB").size() == 2);
    for (AssignedAction a : List.of(received("evA:evA").get(0), received("evB:evB").get(0))) {
      assertThat(a.getTriggeringEventExternalId()).isEqualTo(id);
      assertThat(a.getActionPayload()).startsWith("{\"input\":{\"sum\":9}");
      assertThat(a.getAdditionalMetadata()).isEqualTo("{\"shop\":\"s1\"}");
    }
    assertThat(received("evC:evC")).isEmpty();
    events.push(PushEventRequest.newBuilder().setKey("invoice:paid").setPayload("{}").build());
    assertThat(engine.scheduler().registry().triggeredBy("invoice:paid")).isEmpty();
    assertThat(engine.scheduler().registry().triggeredBy("order:")).extracting(d -> d.name()).containsExactly("evA");
  }

  @Test
  void a_running_task_s_logs_are_listed_over_rest_by_level_and_its_stream_chunks_reach_the_run_s_events()
      throws Exception {
    String run = client.blocking.triggerWorkflow(TriggerWorkflowRequest.newBuilder().setName("talk").setInput("{}")
        .build()).getWorkflowRunId();
    List<WorkflowEvent> events = new CopyOnWriteArrayList<>();
    DispatcherGrpc.newStub(client.channel).withCallCredentials(RawWorker.bearer(engine.token()))
        .subscribeToWorkflowEvents(SubscribeToWorkflowEventsRequest.newBuilder().setWorkflowRunId(run).build(),
            Streams.collect(events));
    await().until(() -> received("talk:talk").size() == 1);
    String task = received("talk:talk").get(0).getTaskRunExternalId();
    var ev = EventsServiceGrpc.newBlockingStub(client.channel).withCallCredentials(RawWorker.bearer(engine.token()));
    ev.putLog(PutLogRequest.newBuilder().setTaskRunExternalId(task).setMessage("starting").build());
    ev.putLog(PutLogRequest.newBuilder().setTaskRunExternalId(task).setMessage("disk full").setLevel("ERROR")
        .setMetadata("{\"disk\":\"sda\"}").build());
    assertThatThrownBy(() -> ev.putLog(PutLogRequest.newBuilder().setTaskRunExternalId(task).setMessage("x")
        .setLevel("LOUD").build())).hasMessageContaining("INVALID_ARGUMENT").hasMessageContaining("'LOUD'");
    ev.putStreamEvent(PutStreamEventRequest.newBuilder().setTaskRunExternalId(task)
        .setMessage(com.google.protobuf.ByteString.copyFromUtf8("chunk-1")).build());

    JsonNode all = rest("/api/v1/stable/tasks/" + task + "/logs", 200);
    assertThat(all.get("rows")).extracting(r -> r.get("message").asText()).containsExactly("starting", "disk full");
    assertThat(all.get("rows").get(0).get("level").asText()).isEqualTo("INFO");
    assertThat(all.get("rows").get(0).get("attempt").asInt()).isEqualTo(1);
    JsonNode errors = rest("/api/v1/stable/tasks/" + task + "/logs?levels=ERROR", 200);
    assertThat(errors.get("rows")).hasSize(1);
    assertThat(errors.get("rows").get(0).get("metadata").get("disk").asText()).isEqualTo("sda");
    assertThat(rest("/api/v1/stable/tasks/" + task + "/logs?order_by_direction=DESC&limit=1", 200).get("rows")
        .get(0).get("message").asText()).isEqualTo("disk full");
    rest("/api/v1/stable/tasks/" + java.util.UUID.randomUUID() + "/logs", 404);
    await().until(() -> events.stream().anyMatch(e -> e.getEventType() == ResourceEventType.RESOURCE_EVENT_TYPE_STREAM
        && e.getEventPayload().equals("chunk-1")));
  }

  private static JsonNode rest(String path, int status) throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
        engine.serverUrl().replace("localhost", "127.0.0.1") + path)).header("Authorization", "Bearer " + engine.token())
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(path + " -> " + r.body()).isEqualTo(status);
    return new ObjectMapper().readTree(r.body());
  }

  @Test
  void put_workflow_rejects_what_the_engine_cannot_enforce_naming_the_feature() {
    io.hatchetoperator.proto.v1.TaskConditions sleep = io.hatchetoperator.proto.v1.TaskConditions.newBuilder()
        .addSleepConditions(io.hatchetoperator.proto.v1.SleepMatchCondition.newBuilder().setSleepFor("1s")
            .setBase(io.hatchetoperator.proto.v1.BaseMatchCondition.newBuilder().setReadableDataKey("sleep-1s")
                .setAction(io.hatchetoperator.proto.v1.Action.QUEUE))).build();
    assertThatThrownBy(() -> admin().putWorkflow(CreateWorkflowVersionRequest.newBuilder().setName("cond")
        .addTasks(CreateTaskOpts.newBuilder().setReadableId("d").setAction("cond:d"))
        .setOnFailureTask(CreateTaskOpts.newBuilder().setReadableId("f").setAction("cond:f").setConditions(sleep))
        .build()))
        .isInstanceOf(StatusRuntimeException.class).hasMessageContaining("INVALID_ARGUMENT")
        .hasMessageContaining("on_failure_task ('f') of workflow 'cond' has conditions (wait_for / skip_if / cancel_if)");
    assertThatThrownBy(() -> admin().putWorkflow(CreateWorkflowVersionRequest.newBuilder().setName("cond")
        .addTasks(CreateTaskOpts.newBuilder().setReadableId("d").setAction("cond:d").setConditions(
            sleep.toBuilder().setSleepConditions(0, sleep.getSleepConditions(0).toBuilder().setSleepFor("soon"))))
        .build()))
        .hasMessageContaining("INVALID_ARGUMENT").hasMessageContaining("conditions.sleep_conditions[0].sleep_for");
    assertThatThrownBy(() -> admin().putWorkflow(CreateWorkflowVersionRequest.newBuilder().setName("cr")
        .addCronTriggers("@every 1m").addTasks(CreateTaskOpts.newBuilder().setReadableId("c").setAction("cr:c")).build()))
        .hasMessageContaining("INVALID_ARGUMENT").hasMessageContaining("cron_triggers[0] of workflow 'cr'");
  }
}
