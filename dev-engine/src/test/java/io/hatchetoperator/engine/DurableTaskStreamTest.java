package io.hatchetoperator.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.stub.StreamObserver;
import io.hatchetoperator.engine.core.EngineTimings;
import io.hatchetoperator.proto.dispatcher.AssignedAction;
import io.hatchetoperator.proto.dispatcher.DispatcherGrpc;
import io.hatchetoperator.proto.dispatcher.HeartbeatRequest;
import io.hatchetoperator.proto.dispatcher.WorkerListenRequest;
import io.hatchetoperator.proto.dispatcher.WorkerRegisterRequest;
import io.hatchetoperator.proto.events.EventsServiceGrpc;
import io.hatchetoperator.proto.events.PushEventRequest;
import io.hatchetoperator.proto.v1.AdminServiceGrpc;
import io.hatchetoperator.proto.v1.CreateTaskOpts;
import io.hatchetoperator.proto.v1.CreateWorkflowVersionRequest;
import io.hatchetoperator.proto.v1.DurableEventListenerConditions;
import io.hatchetoperator.proto.v1.DurableEventLogEntryRef;
import io.hatchetoperator.proto.v1.DurableTaskCompleteMemoRequest;
import io.hatchetoperator.proto.v1.DurableTaskErrorType;
import io.hatchetoperator.proto.v1.DurableTaskEvictInvocationRequest;
import io.hatchetoperator.proto.v1.DurableTaskMemoRequest;
import io.hatchetoperator.proto.v1.DurableTaskRequest;
import io.hatchetoperator.proto.v1.DurableTaskRequestRegisterWorker;
import io.hatchetoperator.proto.v1.DurableTaskResponse;
import io.hatchetoperator.proto.v1.DurableTaskWaitForRequest;
import io.hatchetoperator.proto.v1.TriggerWorkflowRequest;
import io.hatchetoperator.proto.workflows.WorkflowServiceGrpc;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The DurableTask stream in process, on a hand-moved engine clock: the calls a worker makes, what the engine answers,
 * and a replay on another worker after the first goes silent (memo hit, the sleep's original deadline, stale and
 * non-deterministic calls answered as Hatchet does).
 */
class DurableTaskStreamTest {

  private final ManualClock clock = new ManualClock();
  private DevEngine engine;
  private ManagedChannel channel;
  private DispatcherGrpc.DispatcherBlockingStub dispatcher;

  @BeforeEach
  void start() {
    engine = DevEngine.start(DevEngineSettings.ephemeral().withClock(clock).withSweepInterval(Duration.ofHours(1))
        .withTimings(new EngineTimings(Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMinutes(30),
            Duration.ofHours(1), 1000)));
    channel = RawWorker.channel(engine);
    AdminServiceGrpc.newBlockingStub(channel).withCallCredentials(RawWorker.bearer(engine.token()))
        .putWorkflow(CreateWorkflowVersionRequest.newBuilder().setName("dur").addTasks(CreateTaskOpts.newBuilder()
            .setReadableId("d").setAction("dur:d").setTimeout("10m").setIsDurable(true)).build());
    dispatcher = DispatcherGrpc.newBlockingStub(channel).withCallCredentials(RawWorker.bearer(engine.token()));
  }

  @AfterEach
  void stop() {
    channel.shutdownNow();
    engine.close();
  }

  /** Registers a worker with durable slots and returns its id and the actions it is sent. */
  private record Listener(String id, LinkedBlockingQueue<AssignedAction> actions) {
    AssignedAction next() throws InterruptedException {
      AssignedAction a = actions.poll(5, TimeUnit.SECONDS);
      assertThat(a).as("an assigned action within 5 s").isNotNull();
      return a;
    }
  }

  private Listener worker(String name) {
    String id = dispatcher.register(WorkerRegisterRequest.newBuilder().setWorkerName(name).addActions("dur:d")
        .putSlotConfig("durable", 2).build()).getWorkerId();
    LinkedBlockingQueue<AssignedAction> q = new LinkedBlockingQueue<>();
    DispatcherGrpc.newStub(channel).withCallCredentials(RawWorker.bearer(engine.token()))
        .listenV2(WorkerListenRequest.newBuilder().setWorkerId(id).build(), new StreamObserver<>() {
          @Override
          public void onNext(AssignedAction a) {
            q.add(a);
          }

          @Override
          public void onError(Throwable t) {}

          @Override
          public void onCompleted() {}
        });
    return new Listener(id, q);
  }

  private String trigger() {
    return WorkflowServiceGrpc.newBlockingStub(channel).withCallCredentials(RawWorker.bearer(engine.token()))
        .triggerWorkflow(TriggerWorkflowRequest.newBuilder().setName("dur").setInput("{}").build()).getWorkflowRunId();
  }

  private DurableStreamClient stream(String workerId) throws InterruptedException {
    DurableStreamClient s = new DurableStreamClient(channel, engine.token());
    s.send(DurableTaskRequest.newBuilder().setRegisterWorker(DurableTaskRequestRegisterWorker.newBuilder()
        .setWorkerId(workerId)).build());
    assertThat(s.next().getRegisterWorker().getWorkerId()).isEqualTo(workerId);
    return s;
  }

  private static DurableTaskRequest memo(String task, int inv) {
    return DurableTaskRequest.newBuilder().setMemo(DurableTaskMemoRequest.newBuilder().setDurableTaskExternalId(task)
        .setInvocationCount(inv).setKey(ByteString.copyFrom(new byte[] {1, 2, 3}))).build();
  }

  private static DurableTaskRequest sleep(String task, int inv, String d) {
    return DurableTaskRequest.newBuilder().setWaitFor(DurableTaskWaitForRequest.newBuilder()
        .setDurableTaskExternalId(task).setInvocationCount(inv).setWaitForConditions(
            DurableEventListenerConditions.newBuilder().addSleepConditions(
                io.hatchetoperator.engine.core.DurableWaitTestAccess.sleep(d)))).build();
  }

  private void advance(Duration d) {
    clock.advance(d);
    engine.scheduler().sweep();
  }

  @Test
  void a_memo_and_a_sleep_complete_on_the_engine_clock_and_a_replay_keeps_the_memo_and_the_original_deadline()
      throws Exception {
    Listener a = worker("a");
    trigger();
    AssignedAction first = a.next();
    String task = first.getTaskRunExternalId();
    assertThat(first.getDurableTaskInvocationCount()).isEqualTo(1);
    DurableStreamClient sa = stream(a.id());
    sa.send(memo(task, 1));
    DurableTaskResponse memoAck = sa.next();
    assertThat(memoAck.getMemoAck().getMemoAlreadyExisted()).isFalse();
    assertThat(memoAck.getMemoAck().getRef().getNodeId()).isEqualTo(1);
    sa.send(DurableTaskRequest.newBuilder().setCompleteMemo(DurableTaskCompleteMemoRequest.newBuilder()
        .setRef(memoAck.getMemoAck().getRef()).setMemoKey(ByteString.copyFrom(new byte[] {1, 2, 3}))
        .setPayload(ByteString.copyFromUtf8("{\"v\":1}"))).build());
    sa.send(sleep(task, 1, "60s"));
    DurableEventLogEntryRef waitRef = sa.next().getWaitForAck().getRef();
    assertThat(waitRef.getNodeId()).isEqualTo(2);
    assertThat(waitRef.getBranchId()).isEqualTo(1);
    assertThat(engine.scheduler().durable().waitsHeld()).isEqualTo(1);

    // worker a goes silent; after 30 s its task is reassigned to b, which heartbeats
    Listener b = worker("b");
    advance(Duration.ofSeconds(31));
    dispatcher.heartbeat(HeartbeatRequest.newBuilder().setWorkerId(b.id()).build());
    AssignedAction second = b.next();
    assertThat(second.getTaskRunExternalId()).isEqualTo(task);
    assertThat(second.getDurableTaskInvocationCount()).isEqualTo(2);

    DurableStreamClient sb = stream(b.id());
    sb.send(sleep(task, 2, "5s"));
    DurableTaskResponse nd = sb.next();
    assertThat(nd.getError().getErrorType()).isEqualTo(DurableTaskErrorType.DURABLE_TASK_ERROR_TYPE_NONDETERMINISM);
    assertThat(nd.getError().getRef().getNodeId()).isEqualTo(1);
    assertThat(nd.getError().getErrorMessage()).contains("non-determinism error in task " + task + " at node 1:1")
        .contains("expected: MEMO").contains("received: WAIT_FOR wait for sleep 5s");
    sb.send(memo(task, 2));
    DurableTaskResponse hit = sb.next();
    assertThat(hit.getMemoAck().getMemoAlreadyExisted()).isTrue();
    assertThat(hit.getMemoAck().getMemoResultPayload().toStringUtf8()).isEqualTo("{\"v\":1}");
    assertThat(sb.next().getEntryCompleted().getRef().getNodeId()).isEqualTo(1);
    sb.send(sleep(task, 2, "60s"));
    assertThat(sb.next().getWaitForAck().getRef().getNodeId()).isEqualTo(2);

    sa.send(sleep(task, 1, "60s"));
    DurableTaskResponse stale = sa.next();
    assertThat(stale.getServerEvict().getInvocationCount()).isEqualTo(1);
    assertThat(stale.getServerEvict().getReason()).contains("server has 2, worker sent 1");

    advance(Duration.ofSeconds(28));
    assertThat(sb.poll(200)).as("59 s after the sleep began: not yet").isNull();
    advance(Duration.ofSeconds(1));
    DurableTaskResponse done = sb.next();
    assertThat(done.getEntryCompleted().getRef().getNodeId()).isEqualTo(2);
    assertThat(done.getEntryCompleted().getRef().getInvocationCount()).isEqualTo(2);
    assertThat(done.getEntryCompleted().getPayload().toStringUtf8())
        .isEqualTo("{\"CREATE\":{\"sleep-60s\":[{\"sleep_duration\":\"60s\"}]}}");
    sa.close();
    sb.close();
  }

  @Test
  void a_user_event_wait_gets_the_matching_event_and_worker_status_redelivers_it() throws Exception {
    Listener a = worker("a");
    trigger();
    String task = a.next().getTaskRunExternalId();
    DurableStreamClient s = stream(a.id());
    s.send(DurableTaskRequest.newBuilder().setWaitFor(DurableTaskWaitForRequest.newBuilder()
        .setDurableTaskExternalId(task).setInvocationCount(1).setWaitForConditions(DurableEventListenerConditions
            .newBuilder().addUserEventConditions(io.hatchetoperator.engine.core.DurableWaitTestAccess.event(
                "paid", "input.amount > 10")))).build());
    long node = s.next().getWaitForAck().getRef().getNodeId();
    var events = EventsServiceGrpc.newBlockingStub(channel).withCallCredentials(RawWorker.bearer(engine.token()));
    events.push(PushEventRequest.newBuilder().setKey("paid").setPayload("{\"amount\":5}").build());
    assertThat(s.poll(200)).as("amount 5 fails the expression").isNull();
    events.push(PushEventRequest.newBuilder().setKey("paid").setPayload("{\"amount\":50}").build());
    DurableTaskResponse done = s.next();
    assertThat(done.getEntryCompleted().getRef().getNodeId()).isEqualTo(node);
    assertThat(done.getEntryCompleted().getPayload().toStringUtf8()).isEqualTo("{\"CREATE\":{\"paid\":[{\"amount\":50}]}}");

    s.send(DurableTaskRequest.newBuilder().setWorkerStatus(io.hatchetoperator.proto.v1.DurableTaskWorkerStatusRequest
        .newBuilder().setWorkerId(a.id()).addWaitingEntries(io.hatchetoperator.proto.v1.DurableTaskAwaitedCompletedEntry
            .newBuilder().setDurableTaskExternalId(task).setInvocationCount(1).setBranchId(1).setNodeId(node))).build());
    assertThat(s.next().getEntryCompleted().getPayload().toStringUtf8()).contains("\"amount\":50");
    s.close();
  }

  @Test
  void an_evicted_task_frees_its_slot_and_comes_back_as_the_next_invocation_when_its_sleep_ends() throws Exception {
    Listener a = worker("a");
    trigger();
    String task = a.next().getTaskRunExternalId();
    DurableStreamClient s = stream(a.id());
    s.send(sleep(task, 1, "10s"));
    s.next();
    s.send(DurableTaskRequest.newBuilder().setEvictInvocation(DurableTaskEvictInvocationRequest.newBuilder()
        .setDurableTaskExternalId(task).setInvocationCount(1).setReason("ttl")).build());
    assertThat(s.next().getEvictionAck().getInvocationCount()).isEqualTo(1);
    io.hatchetoperator.engine.core.TaskState state = engine.scheduler().readTask(task, t -> t.state());
    assertThat(state).isEqualTo(io.hatchetoperator.engine.core.TaskState.RETRY_WAIT);
    String run = engine.scheduler().readTask(task, t -> t.run().id());
    var details = AdminServiceGrpc.newBlockingStub(channel).withCallCredentials(RawWorker.bearer(engine.token()))
        .getRunDetails(io.hatchetoperator.proto.v1.GetRunDetailsRequest.newBuilder().setExternalId(run).build());
    assertThat(details.getTaskRunsMap().get("d").getIsEvicted()).isTrue();
    assertThat(engine.scheduler().workers().get(0).slotsUsed().getOrDefault("durable", 0)).isZero();
    advance(Duration.ofSeconds(4));
    dispatcher.heartbeat(HeartbeatRequest.newBuilder().setWorkerId(a.id()).build());
    assertThat(a.actions().poll(200, TimeUnit.MILLISECONDS)).isNull();
    advance(Duration.ofSeconds(6));
    dispatcher.heartbeat(HeartbeatRequest.newBuilder().setWorkerId(a.id()).build());
    AssignedAction again = a.next();
    assertThat(again.getTaskRunExternalId()).isEqualTo(task);
    assertThat(again.getDurableTaskInvocationCount()).isEqualTo(2);
    s.send(sleep(task, 2, "10s"));
    assertThat(s.next().getWaitForAck().getRef().getNodeId()).isEqualTo(1);
    assertThat(s.next().getEntryCompleted().getPayload().toStringUtf8()).contains("sleep_duration");
    s.close();
  }

  @Test
  void restore_evicted_task_queues_an_evicted_task_at_once_and_answers_false_for_one_that_is_not() throws Exception {
    Listener a = worker("a");
    trigger();
    String task = a.next().getTaskRunExternalId();
    DurableStreamClient s = stream(a.id());
    s.send(sleep(task, 1, "1h"));
    s.next();
    s.send(DurableTaskRequest.newBuilder().setEvictInvocation(DurableTaskEvictInvocationRequest.newBuilder()
        .setDurableTaskExternalId(task).setInvocationCount(1)).build());
    s.next();
    var restore = io.hatchetoperator.proto.dispatcher.RestoreEvictedTaskRequest.newBuilder()
        .setTaskRunExternalId(task).build();
    assertThat(dispatcher.restoreEvictedTask(restore).getRequeued()).isTrue();
    assertThat(a.next().getDurableTaskInvocationCount()).isEqualTo(2);
    assertThat(dispatcher.restoreEvictedTask(restore).getRequeued()).isFalse();
    s.close();
  }

  @Test
  void branching_a_finished_task_at_its_sleep_replays_it_with_the_memo_and_a_new_sleep_on_branch_two()
      throws Exception {
    Listener a = worker("a");
    String run = trigger();
    AssignedAction first = a.next();
    String task = first.getTaskRunExternalId();
    DurableStreamClient s = stream(a.id());
    s.send(memo(task, 1));
    DurableEventLogEntryRef memoRef = s.next().getMemoAck().getRef();
    s.send(DurableTaskRequest.newBuilder().setCompleteMemo(DurableTaskCompleteMemoRequest.newBuilder()
        .setRef(memoRef).setMemoKey(ByteString.copyFrom(new byte[] {1, 2, 3}))
        .setPayload(ByteString.copyFromUtf8("{\"v\":1}"))).build());
    s.send(sleep(task, 1, "10s"));
    s.next();
    advance(Duration.ofSeconds(10));
    s.next();
    dispatcher.sendStepActionEvent(io.hatchetoperator.proto.dispatcher.StepActionEvent.newBuilder()
        .setWorkerId(a.id()).setTaskRunExternalId(task).setJobId(first.getJobId()).setJobRunId(first.getJobRunId())
        .setTaskId(first.getTaskId()).setActionId(first.getActionId()).setEventPayload("{\"done\":1}")
        .setEventType(io.hatchetoperator.proto.dispatcher.StepActionEventType.STEP_EVENT_TYPE_COMPLETED).build());
    var admin = AdminServiceGrpc.newBlockingStub(channel).withCallCredentials(RawWorker.bearer(engine.token()));
    var refused = org.assertj.core.api.Assertions.catchThrowable(() -> admin.branchDurableTask(
        io.hatchetoperator.proto.v1.BranchDurableTaskRequest.newBuilder().setTaskExternalId(task).setNodeId(2)
            .setBranchId(7).build()));
    assertThat(refused).hasMessageContaining("INVALID_ARGUMENT").hasMessageContaining("branch_id = 7");
    var branched = admin.branchDurableTask(io.hatchetoperator.proto.v1.BranchDurableTaskRequest.newBuilder()
        .setTaskExternalId(task).setNodeId(2).build());
    assertThat(branched.getBranchId()).isEqualTo(2);
    assertThat(branched.getNodeId()).isEqualTo(2);
    dispatcher.heartbeat(HeartbeatRequest.newBuilder().setWorkerId(a.id()).build());
    AssignedAction again = a.next();
    assertThat(again.getDurableTaskInvocationCount()).isEqualTo(2);
    s.send(memo(task, 2));
    DurableTaskResponse hit = s.next();
    assertThat(hit.getMemoAck().getMemoAlreadyExisted()).isTrue();
    assertThat(hit.getMemoAck().getRef().getBranchId()).isEqualTo(1);
    s.next();
    s.send(sleep(task, 2, "10s"));
    DurableEventLogEntryRef fresh = s.next().getWaitForAck().getRef();
    assertThat(fresh.getBranchId()).isEqualTo(2);
    assertThat(fresh.getNodeId()).isEqualTo(2);
    assertThat(s.poll(200)).as("a new sleep: not satisfied by the first branch's").isNull();
    advance(Duration.ofSeconds(10));
    assertThat(s.next().getEntryCompleted().getRef().getBranchId()).isEqualTo(2);
    io.hatchetoperator.engine.core.TaskState status = engine.scheduler().readRun(run, r -> r.status());
    assertThat(status).as("replayed, running again").isEqualTo(io.hatchetoperator.engine.core.TaskState.RUNNING);
    s.close();
  }

  private java.net.http.HttpResponse<String> post(String path, String body) throws Exception {
    return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
        engine.serverUrl().replace("localhost", "127.0.0.1") + path)).header("Authorization", "Bearer " + engine.token())
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void the_rest_routes_answer_bad_branch_requests_naming_the_field_and_restore_of_a_running_task_false()
      throws Exception {
    Listener a = worker("a");
    trigger();
    String task = a.next().getTaskRunExternalId();
    String branch = "/api/v1/stable/tenants/" + engine.tenantId() + "/durable-tasks/branch";
    var bad = post(branch, "{\"taskExternalId\":\"" + task + "\",\"nodeId\":\"two\"}");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("nodeId").contains("two");
    var running = post(branch, "{\"taskExternalId\":\"" + task + "\",\"nodeId\":1}");
    assertThat(running.statusCode()).isEqualTo(409);
    assertThat(running.body()).contains("is RUNNING").contains("cancel it first");
    var restore = post("/api/v1/stable/tasks/" + task + "/restore", "");
    assertThat(restore.statusCode()).isEqualTo(200);
    assertThat(restore.body()).isEqualTo("{\"requeued\":false}");
  }

  @Test
  void refused_calls_answer_an_error_naming_the_field_and_the_stream_stays_open() throws Exception {
    Listener a = worker("a");
    trigger();
    String task = a.next().getTaskRunExternalId();
    DurableStreamClient s = stream(a.id());
    s.send(sleep(task, 1, "later"));
    DurableTaskResponse bad = s.next();
    assertThat(bad.getError().getErrorType()).isEqualTo(DurableTaskErrorType.DURABLE_TASK_ERROR_TYPE_UNSPECIFIED);
    assertThat(bad.getError().getErrorMessage()).contains("sleep_conditions[0].sleep_for").contains("later");
    s.send(sleep("00000000-0000-0000-0000-000000000000", 1, "1s"));
    assertThat(s.next().getError().getErrorMessage()).contains("is not a task of this engine");
    s.send(sleep(task, 1, "1s"));
    assertThat(s.next().hasWaitForAck()).isTrue();
    s.close();
  }

  @Test
  void the_legacy_register_and_listen_pair_sends_the_signal_when_the_sleep_ends() throws Exception {
    Listener a = worker("a");
    trigger();
    String task = a.next().getTaskRunExternalId();
    var v1 = io.hatchetoperator.proto.v1.V1DispatcherGrpc.newBlockingStub(channel)
        .withCallCredentials(RawWorker.bearer(engine.token()));
    v1.registerDurableEvent(io.hatchetoperator.proto.v1.RegisterDurableEventRequest.newBuilder().setTaskId(task)
        .setSignalKey("waitFor-0").setConditions(DurableEventListenerConditions.newBuilder().addSleepConditions(
            io.hatchetoperator.engine.core.DurableWaitTestAccess.sleep("5s"))).build());
    LinkedBlockingQueue<io.hatchetoperator.proto.v1.DurableEvent> got = new LinkedBlockingQueue<>();
    var listen = io.hatchetoperator.proto.v1.V1DispatcherGrpc.newStub(channel)
        .withCallCredentials(RawWorker.bearer(engine.token())).listenForDurableEvent(new StreamObserver<>() {
          @Override
          public void onNext(io.hatchetoperator.proto.v1.DurableEvent e) {
            got.add(e);
          }

          @Override
          public void onError(Throwable t) {}

          @Override
          public void onCompleted() {}
        });
    listen.onNext(io.hatchetoperator.proto.v1.ListenForDurableEventRequest.newBuilder().setTaskId(task)
        .setSignalKey("waitFor-0").build());
    advance(Duration.ofSeconds(4));
    assertThat(got.poll(200, TimeUnit.MILLISECONDS)).isNull();
    advance(Duration.ofSeconds(1));
    var e = got.poll(5, TimeUnit.SECONDS);
    assertThat(e).isNotNull();
    assertThat(e.getTaskId()).isEqualTo(task);
    assertThat(e.getSignalKey()).isEqualTo("waitFor-0");
    assertThat(e.getData().toStringUtf8()).isEqualTo("{\"CREATE\":{\"sleep-5s\":[{\"sleep_duration\":\"5s\"}]}}");
    listen.onCompleted();
  }
}
