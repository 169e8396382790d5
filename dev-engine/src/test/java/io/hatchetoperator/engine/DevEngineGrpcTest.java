package io.hatchetoperator.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.hatchetoperator.proto.dispatcher.DispatcherGrpc;
import io.hatchetoperator.proto.dispatcher.GetVersionRequest;
import io.hatchetoperator.proto.dispatcher.StepActionEvent;
import io.hatchetoperator.proto.dispatcher.StepActionEventType;
import io.hatchetoperator.proto.dispatcher.WorkerRegisterRequest;
import io.hatchetoperator.proto.dispatcher.WorkflowRunEvent;
import io.hatchetoperator.proto.v1.AdminServiceGrpc;
import io.hatchetoperator.proto.v1.GetRunDetailsRequest;
import io.hatchetoperator.proto.v1.GetRunDetailsResponse;
import io.hatchetoperator.proto.v1.RunStatus;
import io.hatchetoperator.proto.v1.TriggerWorkflowRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The engine over real gRPC on an ephemeral port: auth, end-to-end runs, late subscriptions, bad input. */
class DevEngineGrpcTest {

  private static DevEngine engine;
  private static RawWorker worker;
  private static RawClient client;

  @BeforeAll
  static void start() {
    engine = DevEngine.start(RawWorker.tolerantSettings());
    worker = new RawWorker(engine, "raw", 20, Map.of(
        "echo", payload -> payload.substring(payload.indexOf(":") + 1, payload.indexOf(",\"triggered_by\"")),
        "boom", payload -> null));
    client = new RawClient(engine);
    await().atMost(Duration.ofSeconds(5)).until(() -> engine.scheduler().workers().get(0).status().equals("ACTIVE"));
  }

  @AfterAll
  static void stop() {
    client.close();
    worker.close();
    engine.close();
  }

  @Test
  void calls_without_a_valid_token_are_unauthenticated_with_the_fix() {
    var anonymous = DispatcherGrpc.newBlockingStub(client.channel);
    assertThatThrownBy(() -> anonymous.getVersion(GetVersionRequest.getDefaultInstance()))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
          assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
          assertThat(e.getStatus().getDescription()).contains("no authorization header").contains("HATCHET_CLIENT_TOKEN");
        });
    String forged = engine.token().substring(0, engine.token().lastIndexOf('.') + 1) + "AAAA";
    var stub = DispatcherGrpc.newBlockingStub(client.channel).withCallCredentials(RawWorker.bearer(forged));
    assertThatThrownBy(() -> stub.getVersion(GetVersionRequest.getDefaultInstance()))
        .hasMessageContaining("signature does not match");
  }

  @Test
  void get_version_is_a_semver_the_sdks_accept_and_gzip_requests_are_accepted() {
    String v = DispatcherGrpc.newBlockingStub(client.channel).withCallCredentials(RawWorker.bearer(engine.token()))
        .withCompression("gzip").getVersion(GetVersionRequest.getDefaultInstance()).getVersion();
    assertThat(v).matches("v0\\.(8\\d|9\\d|1\\d\\d)\\.\\d+");
  }

  @Test
  void two_hundred_runs_each_return_their_own_input() throws Exception {
    List<CompletableFuture<WorkflowRunEvent>> runs = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      runs.add(client.run("echo", "{\"i\":" + i + "}"));
    }
    for (int i = 0; i < 200; i++) {
      WorkflowRunEvent e = runs.get(i).get(10, TimeUnit.SECONDS);
      assertThat(e.getResults(0).getTaskName()).isEqualTo("echo");
      assertThat(e.getResults(0).getOutput()).isEqualTo("{\"i\":" + i + "}");
    }
  }

  @Test
  void a_failure_reaches_the_client_and_run_details_are_keyed_by_task_name() throws Exception {
    WorkflowRunEvent e = client.run("boom", "{}").get(10, TimeUnit.SECONDS);
    assertThat(e.getResults(0).getError()).isEqualTo("raw worker failure");
    GetRunDetailsResponse d = admin().getRunDetails(GetRunDetailsRequest.newBuilder()
        .setExternalId(e.getWorkflowRunId()).build());
    assertThat(d.getDone()).isTrue();
    assertThat(d.getStatus()).isEqualTo(RunStatus.FAILED);
    assertThat(d.getTaskRunsMap()).containsKey("boom");
  }

  @Test
  void an_on_failure_task_gets_the_errors_of_the_failed_tasks_in_its_payload() throws Exception {
    admin().putWorkflow(io.hatchetoperator.proto.v1.CreateWorkflowVersionRequest.newBuilder().setName("with-cleanup")
        .addTasks(io.hatchetoperator.proto.v1.CreateTaskOpts.newBuilder().setReadableId("boom").setAction("boom:boom"))
        .setOnFailureTask(io.hatchetoperator.proto.v1.CreateTaskOpts.newBuilder().setReadableId("echo")
            .setAction("echo:echo"))
        .build());
    WorkflowRunEvent e = client.run("with-cleanup", "{}").get(10, TimeUnit.SECONDS);
    assertThat(e.getResultsList()).extracting(r -> r.getTaskName()).containsExactly("boom", "echo");
    assertThat(worker.received().stream().filter(a -> a.getWorkflowRunId().equals(e.getWorkflowRunId())
        && a.getTaskName().equals("echo")).findFirst().orElseThrow().getActionPayload())
        .contains("\"step_run_errors\":{\"boom\":\"raw worker failure\"}");
  }

  @Test
  void subscribing_after_the_run_finished_answers_at_once() throws Exception {
    WorkflowRunEvent first = client.run("echo", "{\"late\":true}").get(10, TimeUnit.SECONDS);
    RawClient other = new RawClient(engine);
    try {
      CompletableFuture<WorkflowRunEvent> again = new CompletableFuture<>();
      var sub = DispatcherGrpc.newStub(other.channel).withCallCredentials(RawWorker.bearer(engine.token()))
          .subscribeToWorkflowRuns(Streams.first(again));
      sub.onNext(io.hatchetoperator.proto.dispatcher.SubscribeToWorkflowRunsRequest.newBuilder()
          .setWorkflowRunId(first.getWorkflowRunId()).build());
      assertThat(again.get(5, TimeUnit.SECONDS).getResults(0).getOutput()).isEqualTo("{\"late\":true}");
    } finally {
      other.close();
    }
  }

  @Test
  void bad_input_gets_the_right_status_and_names_the_field() {
    var dispatcher = DispatcherGrpc.newBlockingStub(client.channel).withCallCredentials(RawWorker.bearer(engine.token()));
    assertStatus(() -> dispatcher.register(WorkerRegisterRequest.newBuilder().setWorkerName("x").setSlots(1)
        .putSlotConfig("default", 1).build()), Status.Code.INVALID_ARGUMENT, "slot_config");
    assertStatus(() -> client.blocking.triggerWorkflow(TriggerWorkflowRequest.newBuilder().setName("nope").build()),
        Status.Code.NOT_FOUND, "name = 'nope'");
    assertStatus(() -> client.blocking.triggerWorkflow(TriggerWorkflowRequest.newBuilder().setName("echo")
        .setInput("{oops").build()), Status.Code.INVALID_ARGUMENT, "input is not a JSON object");
    assertStatus(() -> dispatcher.sendStepActionEvent(StepActionEvent.newBuilder().setTaskRunExternalId("42")
        .setEventType(StepActionEventType.STEP_EVENT_TYPE_COMPLETED).build()), Status.Code.INVALID_ARGUMENT,
        "task_run_external_id = '42' is not a UUID");
    assertStatus(() -> dispatcher.sendStepActionEvent(StepActionEvent.newBuilder()
        .setTaskRunExternalId(UUID.randomUUID().toString()).setEventType(StepActionEventType.STEP_EVENT_TYPE_COMPLETED)
        .build()), Status.Code.NOT_FOUND, "is not a task of this engine");
    assertStatus(() -> dispatcher.refreshTimeout(io.hatchetoperator.proto.dispatcher.RefreshTimeoutRequest.newBuilder()
        .setTaskRunExternalId(UUID.randomUUID().toString()).setIncrementTimeoutBy("soon").build()),
        Status.Code.INVALID_ARGUMENT, "increment_timeout_by = \"soon\"");
    String huge = "{\"x\":\"" + "a".repeat(5 * 1024 * 1024) + "\"}";
    assertStatus(() -> client.blocking.triggerWorkflow(TriggerWorkflowRequest.newBuilder().setName("echo")
        .setInput(huge).build()), Status.Code.RESOURCE_EXHAUSTED, "");
  }

  @Test
  void a_stream_of_bad_calls_neither_crashes_the_engine_nor_disturbs_runs_in_flight() throws Exception {
    var dispatcher = DispatcherGrpc.newBlockingStub(client.channel).withCallCredentials(RawWorker.bearer(engine.token()));
    java.util.Random random = new java.util.Random(42);
    List<CompletableFuture<WorkflowRunEvent>> runs = new ArrayList<>();
    int rejected = 0;
    for (int i = 0; i < 50; i++) {
      runs.add(client.run("echo", "{\"n\":" + i + "}"));
      String junk = random.nextBoolean() ? UUID.randomUUID().toString() : Long.toHexString(random.nextLong());
      List<Runnable> bad = List.of(
          () -> dispatcher.heartbeat(io.hatchetoperator.proto.dispatcher.HeartbeatRequest.newBuilder()
              .setWorkerId(junk).build()),
          () -> dispatcher.sendStepActionEvent(StepActionEvent.newBuilder().setTaskRunExternalId(junk)
              .setEventType(StepActionEventType.STEP_EVENT_TYPE_FAILED).build()),
          () -> dispatcher.releaseSlot(io.hatchetoperator.proto.dispatcher.ReleaseSlotRequest.newBuilder()
              .setTaskRunExternalId(junk).build()),
          () -> client.blocking.triggerWorkflow(TriggerWorkflowRequest.newBuilder().setName("echo")
              .setInput("[" + junk).build()),
          () -> admin().cancelTasks(io.hatchetoperator.proto.v1.CancelTasksRequest.newBuilder().addExternalIds(junk)
              .build()),
          () -> admin().putWorkflow(io.hatchetoperator.proto.v1.CreateWorkflowVersionRequest.newBuilder()
              .setName(junk).build()));
      try {
        bad.get(random.nextInt(bad.size())).run();
      } catch (StatusRuntimeException e) {
        rejected++;
        assertThat(e.getStatus().getCode()).isIn(Status.Code.INVALID_ARGUMENT, Status.Code.NOT_FOUND);
      }
    }
    assertThat(rejected).isEqualTo(50);
    for (int i = 0; i < 50; i++) {
      assertThat(runs.get(i).get(10, TimeUnit.SECONDS).getResults(0).getOutput()).isEqualTo("{\"n\":" + i + "}");
    }
  }

  private static AdminServiceGrpc.AdminServiceBlockingStub admin() {
    return AdminServiceGrpc.newBlockingStub(client.channel).withCallCredentials(RawWorker.bearer(engine.token()));
  }

  private static void assertStatus(Runnable call, Status.Code code, String message) {
    assertThatThrownBy(call::run).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
      assertThat(e.getStatus().getCode()).isEqualTo(code);
      assertThat(String.valueOf(e.getStatus().getDescription())).contains(message);
    });
  }
}
