package io.hatchetoperator.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hatchetoperator.proto.dispatcher.ActionType;
import io.hatchetoperator.proto.dispatcher.AssignedAction;
import io.hatchetoperator.proto.dispatcher.StepActionEventType;
import io.hatchetoperator.proto.v1.AdminServiceGrpc;
import io.hatchetoperator.proto.v1.Concurrency;
import io.hatchetoperator.proto.v1.ConcurrencyLimitStrategy;
import io.hatchetoperator.proto.v1.CreateTaskOpts;
import io.hatchetoperator.proto.v1.CreateWorkflowVersionRequest;
import io.hatchetoperator.proto.v1.TriggerWorkflowRequest;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Over real ports with a raw-protocol worker whose tasks stay running until the test completes them: each check would
 * fail on an engine that accepted the option and ignored it.
 */
class EnforcedFeaturesTest {

  private static DevEngine engine;
  private static RawWorker worker;
  private static RawClient client;
  private static final List<Long> RATE_STARTS = new java.util.concurrent.CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() {
    engine = DevEngine.start(RawWorker.tolerantSettings());
    Map<String, Function<String, String>> tasks = new HashMap<>();
    for (String t : List.of("rr", "cip", "prio", "lab", "da", "db")) {
      tasks.put(t, p -> RawWorker.SILENT);
    }
    tasks.put("rl", p -> {
      RATE_STARTS.add(System.nanoTime());
      return "{}";
    });
    tasks.put("sa", p -> "{}");
    tasks.put("sb", p -> "{}");
    tasks.put("evf", p -> "{}");
    tasks.put("idem", p -> RawWorker.SILENT);
    worker = new RawWorker(engine, "enforced", 20, tasks);
    client = new RawClient(engine);
    await().until(() -> engine.scheduler().workers().get(0).status().equals("ACTIVE"));
  }

  @AfterAll
  static void stop() {
    client.close();
    worker.close();
    engine.close();
  }

  static AdminServiceGrpc.AdminServiceBlockingStub admin() {
    return AdminServiceGrpc.newBlockingStub(client.channel).withCallCredentials(RawWorker.bearer(engine.token()));
  }

  private static void put(String name, CreateTaskOpts.Builder task) {
    admin().putWorkflow(CreateWorkflowVersionRequest.newBuilder().setName(name)
        .addTasks(task.setReadableId(name).setAction(name + ":" + name).setTimeout("30s")).build());
  }

  private static String trigger(String name, String input, Integer priority) {
    TriggerWorkflowRequest.Builder b = TriggerWorkflowRequest.newBuilder().setName(name).setInput(input);
    if (priority != null) {
      b.setPriority(priority);
    }
    return client.blocking.triggerWorkflow(b.build()).getWorkflowRunId();
  }

  private static List<AssignedAction> started(String name) {
    return worker.received().stream().filter(a -> a.getActionId().equals(name + ":" + name)
        && a.getActionType() == ActionType.START_STEP_RUN).toList();
  }

  private static void complete(AssignedAction a) {
    worker.send(a, StepActionEventType.STEP_EVENT_TYPE_COMPLETED, "{}");
  }

  @Test
  void runs_of_one_concurrency_key_never_overlap_and_the_next_starts_when_one_ends() throws Exception {
    put("rr", CreateTaskOpts.newBuilder().addConcurrency(Concurrency.newBuilder().setExpression("input.group")
        .setMaxRuns(1).setLimitStrategy(ConcurrencyLimitStrategy.GROUP_ROUND_ROBIN)));
    String a1 = trigger("rr", "{\"group\":\"a\"}", null);
    String a2 = trigger("rr", "{\"group\":\"a\"}", null);
    String b1 = trigger("rr", "{\"group\":\"b\"}", null);
    await().until(() -> started("rr").size() == 2);
    Thread.sleep(200);
    assertThat(started("rr")).extracting(AssignedAction::getWorkflowRunId).containsExactly(a1, b1);
    var stats = new com.fasterxml.jackson.databind.ObjectMapper().readTree(java.net.http.HttpClient.newHttpClient()
        .send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + engine.httpPort()
            + "/api/v1/tenants/" + engine.tenantId() + "/task-stats?taskNames=rr")).header("Authorization", "Bearer "
            + engine.token()).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body()).get("rr");
    assertThat(stats.at("/queued/total").asInt()).isEqualTo(1);
    assertThat(stats.at("/queued/concurrency/0/keys/a").asInt()).as(stats.toString()).isEqualTo(1);
    assertThat(stats.at("/queued/concurrency/0/type").asText()).isEqualTo("GROUP_ROUND_ROBIN");
    assertThat(stats.at("/running/concurrency/0/keys/b").asInt()).as(stats.toString()).isEqualTo(1);
    complete(started("rr").get(0));
    await().atMost(Duration.ofSeconds(5)).until(() -> started("rr").size() == 3);
    assertThat(started("rr").get(2).getWorkflowRunId()).isEqualTo(a2);
  }

  @Test
  void cancel_in_progress_cancels_the_running_task_on_its_worker_for_the_newer_run() throws Exception {
    put("cip", CreateTaskOpts.newBuilder().addConcurrency(Concurrency.newBuilder().setExpression("input.group")
        .setLimitStrategy(ConcurrencyLimitStrategy.CANCEL_IN_PROGRESS)));
    String first = trigger("cip", "{\"group\":\"x\"}", null);
    await().until(() -> started("cip").size() == 1);
    String second = trigger("cip", "{\"group\":\"x\"}", null);
    await().until(() -> started("cip").size() == 2);
    assertThat(started("cip").get(1).getWorkflowRunId()).isEqualTo(second);
    assertThat(worker.received()).anyMatch(a -> a.getActionType() == ActionType.CANCEL_STEP_RUN
        && a.getWorkflowRunId().equals(first));
    var done = client.result(first).get(5, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(done.getResults(0).getError()).contains("CANCEL_IN_PROGRESS");
  }

  @Test
  void the_high_priority_run_starts_first_when_a_worker_takes_queued_work() {
    engine.scheduler().setPaused(worker.workerId, true);
    String low1 = trigger("prio", "{}", 1);
    String low2 = trigger("prio", "{}", null);
    String high = trigger("prio", "{}", 3);
    String mid = trigger("prio", "{}", 2);
    engine.scheduler().setPaused(worker.workerId, false);
    await().until(() -> started("prio").size() == 4);
    assertThat(started("prio")).extracting(AssignedAction::getWorkflowRunId).containsExactly(high, mid, low1, low2);
    started("prio").forEach(EnforcedFeaturesTest::complete);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> trigger("prio", "{}", 4))
        .hasMessageContaining("INVALID_ARGUMENT").hasMessageContaining("priority must be between 1 and 3, got 4");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.blocking.scheduleWorkflow(
        io.hatchetoperator.proto.workflows.ScheduleWorkflowRequest.newBuilder().setName("prio").setInput("{}")
            .setPriority(0).addSchedules(com.google.protobuf.Timestamp.newBuilder().setSeconds(4_000_000_000L)).build()))
        .as("refused when scheduled, not lost when due").hasMessageContaining("priority must be between 1 and 3, got 0");
  }

  @Test
  void a_rate_limit_spreads_starts_over_its_windows() {
    client.blocking.putRateLimit(io.hatchetoperator.proto.workflows.PutRateLimitRequest.newBuilder().setKey("api")
        .setLimit(2).setDuration(io.hatchetoperator.proto.workflows.RateLimitDuration.SECOND).build());
    put("rl", CreateTaskOpts.newBuilder().addRateLimits(io.hatchetoperator.proto.v1.CreateTaskRateLimit.newBuilder()
        .setKey("api").setUnits(1)));
    for (int i = 0; i < 6; i++) {
      trigger("rl", "{}", null);
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> RATE_STARTS.size() == 6);
    long first = RATE_STARTS.get(0);
    assertThat((RATE_STARTS.get(2) - first) / 1_000_000).as("3rd start waits for the 2nd window").isGreaterThan(900);
    assertThat((RATE_STARTS.get(4) - first) / 1_000_000).as("5th start waits for the 3rd window").isGreaterThan(1_900);
  }

  @Test
  void a_hard_sticky_run_keeps_its_tasks_on_one_worker_and_per_run_labels_pick_the_worker() {
    Map<String, Function<String, String>> tasks = new HashMap<>();
    tasks.put("sa", p -> "{}");
    tasks.put("sb", p -> "{}");
    tasks.put("lab", p -> RawWorker.SILENT);
    try (RawWorker second = new RawWorker(engine, "second", 20, tasks)) {
      admin().putWorkflow(CreateWorkflowVersionRequest.newBuilder().setName("st")
          .setSticky(io.hatchetoperator.proto.v1.StickyStrategy.HARD)
          .addTasks(CreateTaskOpts.newBuilder().setReadableId("sa").setAction("sa:sa"))
          .addTasks(CreateTaskOpts.newBuilder().setReadableId("sb").setAction("sb:sb").addParents("sa")).build());
      await().until(() -> engine.scheduler().workers().stream().filter(w -> w.status().equals("ACTIVE")).count() == 2);
      List<String> runs = new java.util.ArrayList<>();
      for (int i = 0; i < 8; i++) {
        runs.add(trigger("st", "{}", null));
      }
      await().until(() -> runs.stream().allMatch(r -> ranOn(worker, r, "sb:sb") || ranOn(second, r, "sb:sb")));
      for (String r : runs) {
        assertThat(ranOn(worker, r, "sa:sa")).as("run " + r).isEqualTo(ranOn(worker, r, "sb:sb"));
      }
      assertThat(runs).anyMatch(r -> ranOn(second, r, "sa:sa")).anyMatch(r -> ranOn(worker, r, "sa:sa"));

      engine.scheduler().upsertLabels(second.workerId, Map.of("region", "eu"));
      var eu = io.hatchetoperator.proto.v1.DesiredWorkerLabels.newBuilder().setStrValue("eu").setRequired(true).build();
      for (int i = 0; i < 4; i++) {
        client.blocking.triggerWorkflow(TriggerWorkflowRequest.newBuilder().setName("lab").setInput("{}")
            .putDesiredWorkerLabels("region", eu).build());
      }
      await().until(() -> second.received().stream().filter(a -> a.getActionId().equals("lab:lab")).count() == 4);
      assertThat(started("lab")).isEmpty();
    }
  }

  private static boolean ranOn(RawWorker w, String run, String action) {
    return w.received().stream().anyMatch(a -> a.getWorkflowRunId().equals(run) && a.getActionId().equals(action));
  }

  @Test
  void a_dag_s_workflow_concurrency_keeps_the_next_run_waiting_until_the_whole_run_ends() throws Exception {
    admin().putWorkflow(CreateWorkflowVersionRequest.newBuilder().setName("wdag").addConcurrencyArr(Concurrency
        .newBuilder().setExpression("input.group").setMaxRuns(1).setLimitStrategy(ConcurrencyLimitStrategy.GROUP_ROUND_ROBIN))
        .addTasks(CreateTaskOpts.newBuilder().setReadableId("da").setAction("da:da").setTimeout("30s"))
        .addTasks(CreateTaskOpts.newBuilder().setReadableId("db").setAction("db:db").setTimeout("30s")
            .addParents("da")).build());
    String r1 = trigger("wdag", "{\"group\":\"g\"}", null);
    String r2 = trigger("wdag", "{\"group\":\"g\"}", null);
    await().until(() -> started("da").size() == 1);
    complete(started("da").get(0));
    await().until(() -> started("db").size() == 1);
    Thread.sleep(200);
    assertThat(started("da")).as("the second run waits while the first has a task left").hasSize(1);
    assertThat(started("db").get(0).getWorkflowRunId()).isEqualTo(r1);
    complete(started("db").get(0));
    await().atMost(Duration.ofSeconds(5)).until(() -> started("da").size() == 2);
    assertThat(started("da").get(1).getWorkflowRunId()).isEqualTo(r2);
  }

  @Test
  void a_subscription_by_additional_metadata_is_refused_rather_than_ignored() {
    var events = io.hatchetoperator.proto.dispatcher.DispatcherGrpc.newBlockingStub(client.channel)
        .withCallCredentials(RawWorker.bearer(engine.token()));
    var it = events.subscribeToWorkflowEvents(io.hatchetoperator.proto.dispatcher.SubscribeToWorkflowEventsRequest
        .newBuilder().setWorkflowRunId(java.util.UUID.randomUUID().toString()).setAdditionalMetaKey("tenant")
        .setAdditionalMetaValue("t1").build());
    org.assertj.core.api.Assertions.assertThatThrownBy(it::hasNext).hasMessageContaining("INVALID_ARGUMENT")
        .hasMessageContaining("additional_meta_key subscriptions are not supported");
  }

  @Test
  void an_event_filter_lets_only_matching_scoped_events_start_the_run_with_the_filter_payload() throws Exception {
    admin().putWorkflow(CreateWorkflowVersionRequest.newBuilder().setName("evf").addEventTriggers("filt:*")
        .addTasks(CreateTaskOpts.newBuilder().setReadableId("evf").setAction("evf:evf").setTimeout("30s"))
        .addDefaultFilters(io.hatchetoperator.proto.v1.DefaultFilter.newBuilder().setScope("s1")
            .setExpression("input.n > 1 && additional_metadata.src == 'api'")
            .setPayload(com.google.protobuf.ByteString.copyFromUtf8("{\"p\":1}"))).build());
    var events = io.hatchetoperator.proto.events.EventsServiceGrpc.newBlockingStub(client.channel)
        .withCallCredentials(RawWorker.bearer(engine.token()));
    java.util.function.BiConsumer<String, String> push = (scope, n) -> {
      var b = io.hatchetoperator.proto.events.PushEventRequest.newBuilder().setKey("filt:x")
          .setPayload("{\"n\":" + n + "}").setAdditionalMetadata("{\"src\":\"api\"}");
      if (scope != null) {
        b.setScope(scope);
      }
      events.push(b.build());
    };
    push.accept("s1", "0");
    push.accept(null, "5");
    push.accept("s2", "5");
    push.accept("s1", "5");
    await().until(() -> worker.received().stream().anyMatch(a -> a.getActionId().equals("evf:evf")));
    Thread.sleep(200);
    List<AssignedAction> got = worker.received().stream().filter(a -> a.getActionId().equals("evf:evf")).toList();
    assertThat(got).hasSize(1);
    assertThat(got.get(0).getActionPayload()).contains("\"input\":{\"n\":5}")
        .contains("\"triggers\":{\"filter_payload\":{\"p\":1}}");
  }

  @Test
  void an_idempotency_key_collision_answers_already_exists_with_the_holder_s_run_id_in_the_details() {
    admin().putWorkflow(CreateWorkflowVersionRequest.newBuilder().setName("idem")
        .addTasks(CreateTaskOpts.newBuilder().setReadableId("idem").setAction("idem:idem").setTimeout("30s"))
        .setIdempotency(io.hatchetoperator.proto.v1.IdempotencyConfig.newBuilder().setExpression("input.order")
            .setTtlMs(60_000)).build());
    String first = trigger("idem", "{\"order\":\"o1\"}", null);
    var error = org.assertj.core.api.Assertions.catchThrowableOfType(
        () -> trigger("idem", "{\"order\":\"o1\"}", null), io.grpc.StatusRuntimeException.class);
    assertThat(error.getStatus().getCode()).isEqualTo(io.grpc.Status.Code.ALREADY_EXISTS);
    com.google.rpc.Status details = io.grpc.protobuf.StatusProto.fromThrowable(error);
    assertThat(details.getDetails(0).getTypeUrl()).endsWith("IdempotencyCollisionError");
    assertThat(details.getDetails(0).getValue().toStringUtf8()).contains(first);
  }
}
