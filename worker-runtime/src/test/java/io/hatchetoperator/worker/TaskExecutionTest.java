package io.hatchetoperator.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.hatchetoperator.proto.dispatcher.StepActionEvent;
import io.hatchetoperator.proto.dispatcher.StepActionEventType;
import io.hatchetoperator.worker.health.WorkerMetrics.Outcome;
import io.hatchetoperator.worker.runtime.WorkerRuntime;
import io.hatchetoperator.worker.testing.TestingEngine;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Running tasks: events, outputs, failures, bad input and output, slots, cancellation. */
class TaskExecutionTest {
  private static final StepActionEventType STARTED = StepActionEventType.STEP_EVENT_TYPE_STARTED;
  private static final StepActionEventType COMPLETED = StepActionEventType.STEP_EVENT_TYPE_COMPLETED;
  private static final StepActionEventType FAILED = StepActionEventType.STEP_EVENT_TYPE_FAILED;

  record Order(String item, int quantity) {}

  private TestingEngine engine;
  private Hatchet hatchet;
  private Worker worker;

  @BeforeEach
  void setUp() throws Exception {
    engine = new TestingEngine();
    hatchet = engine.hatchet().build();
  }

  @AfterEach
  void tearDown() {
    if (worker != null) {
      worker.kill();
    }
    engine.close();
  }

  private void start(int slots, Workflow... workflows) throws Exception {
    worker = hatchet.worker("test-worker", WorkerOptions.slots(slots), workflows);
    worker.startAsync().get(30, TimeUnit.SECONDS);
    await().until(engine.dispatcher::listening);
  }

  private List<StepActionEvent> awaitEnd(String taskRunId) {
    await().atMost(Duration.ofSeconds(5)).until(() -> engine.dispatcher.events(taskRunId).stream()
        .anyMatch(e -> e.getEventType() == COMPLETED || e.getEventType() == FAILED));
    return engine.dispatcher.events(taskRunId);
  }

  @Test
  void sendsStartedThenCompletedWithTheJsonOutput() throws Exception {
    start(5, hatchet.workflow("simpletask").task("step1", (input, ctx) -> Map.of("ok", true)));

    String run = engine.dispatcher.assign("simpletask:step1", "{}");

    List<StepActionEvent> events = awaitEnd(run);
    assertThat(events).extracting(StepActionEvent::getEventType).containsExactly(STARTED, COMPLETED);
    assertThat(events.get(1).getEventPayload()).isEqualTo("{\"ok\":true}");
    assertThat(events.get(1).getWorkerId()).isEqualTo(worker.workerId().orElseThrow());
    assertThat(events.get(1).getActionId()).isEqualTo("simpletask:step1");
    assertThat(events.get(1).getJobId()).isEqualTo("step-step1");
    assertThat(events.get(1).getRetryCount()).isZero();
    await().until(() -> worker.runningTasks() == 0);
  }

  @Test
  void readsTypedInputsAndGivesTheContext() throws Exception {
    AtomicInteger retry = new AtomicInteger(-1);
    Workflow orders = hatchet.workflow("orders").task("price", TaskOptions.DEFAULTS, Order.class,
        (order, ctx) -> {
          retry.set(ctx.retryCount());
          return Map.of("total", order.quantity() * 3, "meta", ctx.additionalMetadata().get("source"));
        });
    start(5, orders);

    List<StepActionEvent> events = awaitEnd(engine.dispatcher.assign("orders:price", "{\"item\":\"pen\",\"quantity\":4,\"extra\":1}"));

    assertThat(events.get(1).getEventPayload()).contains("\"total\":12").contains("\"meta\":\"test\"");
    assertThat(retry).hasValue(0);
  }

  @Test
  void givesDagStepsTheirParentsOutputs() throws Exception {
    Workflow dag = hatchet.workflow("dag")
        .task("first", (input, ctx) -> Map.of("n", 1))
        .task("second", TaskOptions.builder().parents("first").build(),
            (input, ctx) -> Map.of("n", ctx.parentOutput("first", Map.class).get("n")));
    start(5, dag);

    String run = java.util.UUID.randomUUID().toString();
    engine.dispatcher.assign("dag:second", "{\"input\":{},\"parents\":{\"first\":{\"n\":41}}}", "wf-run", run);

    assertThat(awaitEnd(run).get(1).getEventPayload()).isEqualTo("{\"n\":41}");
    assertThat(engine.admin.putWorkflows.get(0).getTasks(1).getParentsList()).containsExactly("first");
  }

  @Test
  void reportsExceptionsAsFailedWithTypeMessageAndStack() throws Exception {
    start(5, hatchet.workflow("failing")
        .task("boom", (input, ctx) -> { throw new IllegalStateException("disk full"); })
        .task("final", (input, ctx) -> { throw new NonRetryableException("bad order"); }));

    StepActionEvent boom = awaitEnd(engine.dispatcher.assign("failing:boom", "{}")).get(1);
    StepActionEvent fin = awaitEnd(engine.dispatcher.assign("failing:final", "{}")).get(1);

    assertThat(boom.getEventType()).isEqualTo(FAILED);
    assertThat(boom.getEventPayload()).startsWith("java.lang.IllegalStateException: disk full\n\tat ");
    assertThat(boom.getShouldNotRetry()).isFalse();
    assertThat(fin.getEventPayload()).startsWith(NonRetryableException.class.getName() + ": bad order");
    assertThat(fin.getShouldNotRetry()).isTrue();
  }

  @Test
  void badInputAndUnwritableOutputFailThatTaskOnlyAndTheWorkerKeepsRunning() throws Exception {
    Workflow orders = hatchet.workflow("orders")
        .task("price", TaskOptions.DEFAULTS, Order.class, (order, ctx) -> Map.of("ok", true))
        .task("weird", (input, ctx) -> new Object());
    start(5, orders);

    StepActionEvent badInput = awaitEnd(engine.dispatcher.assign("orders:price", "{\"quantity\":\"many\"}")).get(1);
    StepActionEvent badOutput = awaitEnd(engine.dispatcher.assign("orders:weird", "{}")).get(1);
    StepActionEvent fine = awaitEnd(engine.dispatcher.assign("orders:price", "{\"item\":\"a\",\"quantity\":1}")).get(1);

    assertThat(badInput.getEventType()).isEqualTo(FAILED);
    assertThat(badInput.getEventPayload()).contains("input of task 'price' cannot be read as Order")
        .contains("quantity");
    assertThat(badInput.getShouldNotRetry()).isTrue();
    assertThat(badOutput.getEventType()).isEqualTo(FAILED);
    assertThat(badOutput.getEventPayload()).contains("output of task 'weird' (a java.lang.Object) cannot be written as JSON");
    assertThat(fine.getEventType()).isEqualTo(COMPLETED);
    assertThat(worker.state()).isEqualTo(WorkerState.LISTENING);
  }

  @Test
  void neverRunsMoreTasksThanSlots() throws Exception {
    AtomicInteger now = new AtomicInteger();
    AtomicInteger max = new AtomicInteger();
    start(5, hatchet.task("sleep", (input, ctx) -> {
      max.accumulateAndGet(now.incrementAndGet(), Math::max);
      Thread.sleep(20);
      now.decrementAndGet();
      return Map.of();
    }));

    List<String> runs = new java.util.ArrayList<>();
    for (int i = 0; i < 50; i++) {
      runs.add(engine.dispatcher.assign("sleep:sleep", "{}"));
    }

    await().atMost(Duration.ofSeconds(10)).until(() -> engine.dispatcher.events.stream()
        .filter(e -> e.getEventType() == COMPLETED).count() == 50);
    assertThat(max).hasValue(5);
    assertThat(worker.runningTasks()).isZero();
  }

  @Test
  void cancellationInterruptsTheTaskAndSendsNoCompletion() throws Exception {
    CountDownLatch running = new CountDownLatch(1);
    AtomicBoolean interrupted = new AtomicBoolean();
    AtomicReferenceContext seen = new AtomicReferenceContext();
    start(5, hatchet.task("long", (input, ctx) -> {
      seen.ctx = ctx;
      running.countDown();
      try {
        Thread.sleep(10_000);
      } catch (InterruptedException e) {
        interrupted.set(true);
      }
      return Map.of("finished", true);
    }));

    String run = engine.dispatcher.assign("long:long", "{}");
    assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();
    engine.dispatcher.cancel(run);

    await().untilTrue(interrupted);
    await().until(() -> worker.runningTasks() == 0);
    Thread.sleep(100);
    assertThat(seen.ctx.isCancelled()).isTrue();
    assertThat(engine.dispatcher.events(run)).extracting(StepActionEvent::getEventType).containsExactly(STARTED);
  }

  @Test
  void contextReleasesSlotsRefreshesTimeoutsAndLogs() throws Exception {
    start(1, hatchet.task("polite", (input, ctx) -> {
      ctx.refreshTimeout(Duration.ofSeconds(30));
      ctx.log("halfway");
      ctx.releaseSlot();
      return Map.of();
    }));

    String run = engine.dispatcher.assign("polite:polite", "{}");

    awaitEnd(run);
    assertThat(engine.dispatcher.refreshes.get(0).getIncrementTimeoutBy()).isEqualTo("30s");
    assertThat(engine.dispatcher.releases.get(0).getTaskRunExternalId()).isEqualTo(run);
    await().until(() -> !engine.admin.logs.isEmpty());
    assertThat(engine.admin.logs.get(0).getMessage()).isEqualTo("halfway");
  }

  @Test
  void anActionThisWorkerDidNotRegisterIsHandedBackNotFailed() throws Exception {
    start(5, hatchet.task("known", (input, ctx) -> null));

    String run = engine.dispatcher.assign("unknown:task", "{}");

    await().until(() -> ((WorkerRuntime) worker).metrics().tasks(Outcome.HANDED_BACK) == 1);
    assertThat(engine.dispatcher.events(run)).as("a FAILED would use one of the task's retries").isEmpty();
  }

  @Test
  void twoTasksWithTheSameActionAreRefusedWhenTheWorkerIsBuilt() {
    assertThatThrownBy(() -> hatchet.worker("dup", WorkerOptions.slots(1),
        hatchet.task("same", (i, c) -> null), hatchet.task("same", (i, c) -> null)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("worker 'dup' has two tasks for action 'same:same'");
  }

  private static final class AtomicReferenceContext {
    volatile Context ctx;
  }
}
