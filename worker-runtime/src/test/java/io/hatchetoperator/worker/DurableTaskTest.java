package io.hatchetoperator.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hatchetoperator.proto.dispatcher.ActionType;
import io.hatchetoperator.proto.dispatcher.AssignedAction;
import io.hatchetoperator.proto.dispatcher.StepActionEvent;
import io.hatchetoperator.proto.dispatcher.StepActionEventType;
import io.hatchetoperator.proto.v1.Action;
import io.hatchetoperator.proto.v1.DurableTaskErrorResponse;
import io.hatchetoperator.proto.v1.DurableTaskErrorType;
import io.hatchetoperator.proto.v1.DurableTaskResponse;
import io.hatchetoperator.proto.v1.DurableTaskWaitForRequest;
import io.hatchetoperator.worker.runtime.WorkerRuntime;
import io.hatchetoperator.worker.testing.TestingDurableDispatcher;
import io.hatchetoperator.worker.testing.TestingEngine;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The durable calls against a scripted V1Dispatcher in process: what is sent (conditions, register_worker,
 * worker_status), acks by task run and invocation, completions by entry in any order, a reconnect, an engine error,
 * cancellation, and the registration of durable tasks and slots.
 */
class DurableTaskTest {
  record Order(String id) {}
  record Paid(String id, int cents) {}
  record Slept(long seconds, String parent) {}
  record Quote(int cents) {}

  private final AtomicReference<Throwable> caught = new AtomicReference<>();
  private final java.util.concurrent.atomic.AtomicInteger computed = new java.util.concurrent.atomic.AtomicInteger();
  private TestingEngine engine;
  private TestingDurableDispatcher durable;
  private WorkerRuntime worker;

  @BeforeEach
  void setUp() throws Exception {
    engine = new TestingEngine();
    durable = engine.durable;
    Hatchet hatchet = engine.hatchet().build();
    TaskRef<Order, Slept> nap = hatchet.durableTask("nap", Order.class, Slept.class, (in, ctx) ->
        new Slept(ctx.sleepFor(Duration.ofMillis(9_500)).toSeconds(), ctx.parentWorkflowRunId().orElse("none")));
    TaskRef<Order, Paid> pay = hatchet.durableTask("pay", Order.class, Paid.class, (in, ctx) -> {
      try {
        return ctx.waitForEvent("payment:" + in.id(), "input.ok == true", Paid.class);
      } catch (RuntimeException e) {
        caught.set(e);
        throw e;
      }
    });
    TaskRef<Order, Slept> plain = hatchet.task("plain", Order.class, Slept.class, (in, ctx) ->
        new Slept(ctx.sleepFor(Duration.ofSeconds(1)).toSeconds(), ""));
    TaskRef<Order, Quote> quote = hatchet.durableTask("quote", Order.class, Quote.class,
        (in, ctx) -> ctx.memo(List.of("quote", in.id()), Quote.class, () -> new Quote(100 * computed.incrementAndGet())));
    TaskRef<Order, Slept> until = hatchet.durableTask("until", Order.class, Slept.class,
        (in, ctx) -> new Slept(ctx.sleepUntil(java.time.Instant.parse("2030-01-01T01:00:00Z")).toSeconds(), ""));
    worker = (WorkerRuntime) hatchet.worker("durable-worker", WorkerOptions.slots(2), nap, pay, plain, quote, until);
    worker.startAsync().get(30, TimeUnit.SECONDS);
    await().until(engine.dispatcher::listening);
  }

  @AfterEach
  void tearDown() {
    worker.kill();
    engine.close();
  }

  @Test
  void durableTasksAreRegisteredDurableOnDurableSlotsAndTheWorkerGetsTheDefaultDurableSlots() {
    var nap = engine.admin.putWorkflows.stream().filter(w -> w.getName().equals("nap")).findFirst().orElseThrow();
    assertThat(nap.getTasks(0).getIsDurable()).isTrue();
    assertThat(nap.getTasks(0).getSlotRequestsMap()).isEqualTo(Map.of("durable", 1));
    var plain = engine.admin.putWorkflows.stream().filter(w -> w.getName().equals("plain")).findFirst().orElseThrow();
    assertThat(plain.getTasks(0).getIsDurable()).isFalse();
    assertThat(plain.getTasks(0).getSlotRequestsMap()).isEqualTo(Map.of("default", 1));
    assertThat(engine.dispatcher.registers.get(0).getSlotConfigMap()).isEqualTo(Map.of("default", 2, "durable", 1000));
    assertThat(durable.streamsOpened()).as("the stream opens at the first durable call").isZero();
  }

  @Test
  void aSleepSendsItsConditionOnTheStreamAndReturnsTheDurationTheEngineReports() {
    String run = assign("nap", 1, "parent-task-1");
    DurableTaskWaitForRequest wait = awaitWaitFor(0);

    assertThat(durable.received.get(0).request().getRegisterWorker().getWorkerId())
        .as("register_worker first, with the worker's id").isEqualTo(worker.workerId().orElseThrow());
    assertThat(wait.getDurableTaskExternalId()).isEqualTo(run);
    assertThat(wait.getInvocationCount()).isEqualTo(1);
    var sleep = wait.getWaitForConditions().getSleepConditions(0);
    assertThat(sleep.getSleepFor()).as("9.5 s rounds up to whole seconds").isEqualTo("10s");
    assertThat(sleep.getBase().getReadableDataKey()).isEqualTo("sleep-10s");
    assertThat(sleep.getBase().getAction()).isEqualTo(Action.CREATE);
    assertThat(UUID.fromString(sleep.getBase().getOrGroupId())).isNotNull();

    durable.ackWaitFor(run, 1, 0, 3);
    durable.complete(run, 1, 0, 3, "{\"CREATE\":{\"sleep-10s\":[{\"sleep_duration\":\"1m2s\"}]}}");

    assertThat(completedPayload(run)).isEqualTo("{\"seconds\":62,\"parent\":\"parent-task-1\"}");
  }

  @Test
  void completionsInAnyOrderReachTheirOwnWaitsEvenBeforeTheWaiterAsks() {
    String first = assign("pay", 2, null);
    awaitWaitFor(0);
    durable.ackWaitFor(first, 2, 1, 1);
    String second = assign("pay", 1, null);
    DurableTaskWaitForRequest wait = awaitWaitFor(1);
    var condition = wait.getWaitForConditions().getUserEventConditions(0);
    assertThat(condition.getUserEventKey()).isEqualTo("payment:o-" + second.substring(0, 4));
    assertThat(condition.getBase().getExpression()).isEqualTo("input.ok == true");

    durable.complete(second, 1, 1, 1, "{\"CREATE\":{\"payment\":[{\"id\":\"second\",\"cents\":2}]}}");
    durable.ackWaitFor(second, 1, 1, 1); // its completion came first: it is kept until the task waits for it
    assertThat(completedPayload(second)).isEqualTo("{\"id\":\"second\",\"cents\":2}");
    assertThat(engine.dispatcher.events(first)).hasSize(1);

    durable.complete(first, 2, 1, 1, "{\"CREATE\":{\"payment\":[{\"id\":\"first\",\"cents\":1}]}}");
    assertThat(completedPayload(first)).isEqualTo("{\"id\":\"first\",\"cents\":1}");
  }

  @Test
  void afterTheStreamDropsTheWorkerReconnectsReportsItsWaitAndGetsTheCompletion() {
    String run = assign("pay", 1, null);
    awaitWaitFor(0);
    durable.ackWaitFor(run, 1, 4, 7);
    await().until(() -> statusOn(1).contains(run + "/4/7"));

    durable.breakStream();

    await("the new stream registers, then reports the awaited entry").until(() -> statusOn(2).contains(run + "/4/7"));
    assertThat(durable.received.stream().filter(r -> r.stream() == 2).findFirst().orElseThrow().request()
        .hasRegisterWorker()).isTrue();
    durable.complete(run, 1, 4, 7, "{\"CREATE\":{\"payment\":[{\"id\":\"late\",\"cents\":5}]}}");
    assertThat(completedPayload(run)).isEqualTo("{\"id\":\"late\",\"cents\":5}");
  }

  @Test
  void anEngineErrorFailsTheTaskWithTheEnginesReason() {
    String run = assign("pay", 1, null);
    awaitWaitFor(0);
    durable.send(DurableTaskResponse.newBuilder().setError(DurableTaskErrorResponse.newBuilder()
        .setRef(TestingDurableDispatcher.ref(run, 1, 0, 0))
        .setErrorType(DurableTaskErrorType.DURABLE_TASK_ERROR_TYPE_NONDETERMINISM)
        .setErrorMessage("expected a sleep at node 1")).build());

    await().until(() -> failed(run) != null);
    assertThat(failed(run).getEventPayload()).contains("EngineRejectedException")
        .contains("expected a sleep at node 1");
    assertThat(caught.get()).isInstanceOfSatisfying(EngineRejectedException.class,
        e -> assertThat(e.reason()).isEqualTo("NONDETERMINISM"));
  }

  @Test
  void aCancelledRunStopsWaitingAtOnceAndReportsNothing() {
    String run = assign("pay", 1, null);
    awaitWaitFor(0);
    durable.ackWaitFor(run, 1, 0, 1);

    engine.dispatcher.cancel(run);

    await().until(() -> worker.runningTasks() == 0);
    assertThat(caught.get()).isInstanceOf(RunCancelledException.class);
    assertThat(engine.dispatcher.events(run)).extracting(StepActionEvent::getEventType)
        .containsExactly(StepActionEventType.STEP_EVENT_TYPE_STARTED);
  }

  @Test
  void aDrainEvictsAWaitingDurableRunAndStopsItWithoutReportingLongBeforeTheDrainTimeout() throws Exception {
    String run = assign("pay", 3, null);
    awaitWaitFor(0);
    durable.ackWaitFor(run, 3, 0, 1);
    await().until(() -> statusOn(1).contains(run + "/0/1"));

    var drained = worker.shutdown();
    await().until(() -> durable.received.stream().anyMatch(r -> r.request().hasEvictInvocation()));
    var evict = durable.received.stream().filter(r -> r.request().hasEvictInvocation()).findFirst().orElseThrow()
        .request().getEvictInvocation();
    assertThat(evict.getDurableTaskExternalId()).isEqualTo(run);
    assertThat(evict.getInvocationCount()).isEqualTo(3);
    assertThat(evict.getReason()).contains("draining");
    assertThat(drained).as("the run waits for the eviction ack").isNotDone();
    durable.send(DurableTaskResponse.newBuilder().setEvictionAck(
        io.hatchetoperator.proto.v1.DurableTaskEvictionAckResponse.newBuilder().setDurableTaskExternalId(run)
            .setInvocationCount(3)).build());

    drained.get(10, TimeUnit.SECONDS);
    assertThat(caught.get()).isInstanceOf(RunCancelledException.class);
    assertThat(engine.dispatcher.events(run)).extracting(StepActionEvent::getEventType)
        .containsExactly(StepActionEventType.STEP_EVENT_TYPE_STARTED);
  }

  @Test
  void aMemoIsComputedOnceAndStoredThenAReplayGetsTheStoredValueWithoutComputing() throws Exception {
    String run = assign("quote", 1, null);
    var memo = awaitMemo(0);
    byte[] key = java.security.MessageDigest.getInstance("SHA-256").digest(
        (run + "[\"quote\",\"o-" + run.substring(0, 4) + "\"]").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(memo.getKey().toByteArray()).as("SHA-256 of the task run id and the deps' JSON").isEqualTo(key);
    durable.send(memoAck(run, 1, 2, false, null));
    await().until(() -> durable.received.stream().anyMatch(r -> r.request().hasCompleteMemo()));
    var stored = durable.received.stream().filter(r -> r.request().hasCompleteMemo()).findFirst().orElseThrow()
        .request().getCompleteMemo();
    assertThat(stored.getRef().getNodeId()).isEqualTo(2);
    assertThat(stored.getMemoKey().toByteArray()).isEqualTo(key);
    assertThat(stored.getPayload().toStringUtf8()).isEqualTo("{\"cents\":100}");
    assertThat(completedPayload(run)).isEqualTo("{\"cents\":100}");

    String replay = assign("quote", 2, null);
    awaitMemo(1);
    durable.send(memoAck(replay, 2, 1, true, "{\"cents\":700}"));
    assertThat(completedPayload(replay)).as("the stored value, not a new computation").isEqualTo("{\"cents\":700}");
    assertThat(computed.get()).isEqualTo(1);
  }

  @Test
  void sleepUntilCountsFromTheMemoizedNowSoAReplaySleepsToTheSameInstant() {
    String run = assign("until", 2, null);
    awaitMemo(0);
    durable.send(memoAck(run, 2, 1, true, "{\"ts\":\"2030-01-01T00:00:00.500Z\"}"));

    DurableTaskWaitForRequest wait = awaitWaitFor(0);
    assertThat(wait.getWaitForConditions().getSleepConditions(0).getSleepFor()).as("3599.5 s rounded up").isEqualTo("1h");
    durable.ackWaitFor(run, 2, 1, 2);
    durable.complete(run, 2, 1, 2, "{\"CREATE\":{\"sleep-1h\":[{\"sleep_duration\":\"1h\"}]}}");
    assertThat(completedPayload(run)).isEqualTo("{\"seconds\":3600,\"parent\":\"\"}");
  }

  @Test
  void aPlainTaskThatSleepsFailsWithTheFixAndSendsNothingOnTheStream() {
    String run = assign("plain", 1, null);

    await().until(() -> failed(run) != null);
    assertThat(failed(run).getEventPayload()).contains("task 'plain' is not durable")
        .contains("hatchet.durableTask(..)");
    assertThat(durable.streamsOpened()).isZero();
  }

  private String assign(String task, int invocation, String parent) {
    String taskRunId = UUID.randomUUID().toString();
    AssignedAction.Builder action = AssignedAction.newBuilder().setTenantId("t").setWorkflowRunId(UUID.randomUUID()
            .toString()).setTaskRunExternalId(taskRunId).setActionId(task + ":" + task).setTaskName(task)
        .setActionType(ActionType.START_STEP_RUN).setDurableTaskInvocationCount(invocation)
        .setActionPayload("{\"input\":{\"id\":\"o-" + taskRunId.substring(0, 4) + "\"}}");
    if (parent != null) {
      action.setParentWorkflowRunId(parent);
    }
    engine.dispatcher.push(action.build());
    return taskRunId;
  }

  private io.hatchetoperator.proto.v1.DurableTaskMemoRequest awaitMemo(int index) {
    await().until(() -> durable.received.stream().filter(r -> r.request().hasMemo()).count() > index);
    return durable.received.stream().filter(r -> r.request().hasMemo()).toList().get(index).request().getMemo();
  }

  private static DurableTaskResponse memoAck(String run, int invocation, long node, boolean existed, String value) {
    var ack = io.hatchetoperator.proto.v1.DurableTaskEventMemoAckResponse.newBuilder()
        .setRef(TestingDurableDispatcher.ref(run, invocation, 1, node)).setMemoAlreadyExisted(existed);
    if (value != null) {
      ack.setMemoResultPayload(com.google.protobuf.ByteString.copyFromUtf8(value));
    }
    return DurableTaskResponse.newBuilder().setMemoAck(ack).build();
  }

  private DurableTaskWaitForRequest awaitWaitFor(int index) {
    await().until(() -> durable.waitFors().size() > index);
    return durable.waitFors().get(index);
  }

  private List<String> statusOn(int stream) {
    return durable.received.stream().filter(r -> r.stream() == stream && r.request().hasWorkerStatus())
        .flatMap(r -> r.request().getWorkerStatus().getWaitingEntriesList().stream())
        .map(e -> e.getDurableTaskExternalId() + "/" + e.getBranchId() + "/" + e.getNodeId()).toList();
  }

  private String completedPayload(String run) {
    await().until(() -> event(run, StepActionEventType.STEP_EVENT_TYPE_COMPLETED) != null);
    return event(run, StepActionEventType.STEP_EVENT_TYPE_COMPLETED).getEventPayload();
  }

  private StepActionEvent failed(String run) {
    return event(run, StepActionEventType.STEP_EVENT_TYPE_FAILED);
  }

  private StepActionEvent event(String run, StepActionEventType type) {
    return engine.dispatcher.events(run).stream().filter(e -> e.getEventType() == type).findFirst().orElse(null);
  }
}
