package io.hatchetoperator.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hatchetoperator.proto.dispatcher.StepActionEvent;
import io.hatchetoperator.proto.dispatcher.StepActionEventType;
import io.hatchetoperator.worker.health.WorkerMetrics.Outcome;
import io.hatchetoperator.worker.runtime.WorkerRuntime;
import io.hatchetoperator.worker.testing.TestingEngine;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Runs keyed by attempt: a retry arriving while the old attempt winds down runs, the old result is fenced off. */
class AttemptTest {
  private static final String PAYLOAD = "{\"input\":{},\"parents\":{}}";
  private final List<Attempt> seen = new CopyOnWriteArrayList<>();
  private final CountDownLatch firstMayReturn = new CountDownLatch(1);
  private TestingEngine engine;
  private WorkerRuntime worker;

  @BeforeEach
  void setUp() throws Exception {
    engine = new TestingEngine();
    Hatchet hatchet = engine.hatchet().build();
    worker = (WorkerRuntime) hatchet.worker("attempts", WorkerOptions.slots(2), hatchet.task("slow", (input, ctx) -> {
      seen.add(ctx.attempt());
      if (ctx.retryCount() == 0) {
        try {
          firstMayReturn.await();
        } catch (InterruptedException e) {
          // a superseded attempt is interrupted; it still returns, and its result must not be reported
          firstMayReturn.await();
        }
      }
      return Map.of("attempt", ctx.attempt().toString());
    }));
    worker.startAsync().get(30, TimeUnit.SECONDS);
    await().until(engine.dispatcher::listening);
  }

  @AfterEach
  void tearDown() {
    firstMayReturn.countDown();
    worker.kill();
    engine.close();
  }

  @Test
  void aRetryArrivingWhileTheOldAttemptWindsDownRunsAndTheOldResultIsFencedOff() throws Exception {
    String run = UUID.randomUUID().toString();
    engine.dispatcher.assign("slow:slow", PAYLOAD, "wf", run, 0);
    await().until(() -> seen.size() == 1);

    engine.dispatcher.assign("slow:slow", PAYLOAD, "wf", run, 1);

    await().until(() -> engine.dispatcher.events(run).stream()
        .anyMatch(e -> e.getEventType() == StepActionEventType.STEP_EVENT_TYPE_COMPLETED));
    firstMayReturn.countDown();
    await().until(() -> worker.runningTasks() == 0);
    Thread.sleep(200);
    assertThat(seen).containsExactly(new Attempt(run, 0), new Attempt(run, 1));
    List<StepActionEvent> completions = engine.dispatcher.events(run).stream()
        .filter(e -> e.getEventType() == StepActionEventType.STEP_EVENT_TYPE_COMPLETED).toList();
    assertThat(completions).hasSize(1);
    assertThat(completions.get(0).getRetryCount()).isEqualTo(1);
    assertThat(completions.get(0).getEventPayload()).isEqualTo("{\"attempt\":\"" + run + "#1\"}");
    assertThat(worker.metrics().tasks(Outcome.SUPERSEDED)).isEqualTo(1);
  }

  @Test
  void aRepeatedOrOlderAssignmentIsIgnored() throws Exception {
    String run = UUID.randomUUID().toString();
    engine.dispatcher.assign("slow:slow", PAYLOAD, "wf", run, 1);
    await().until(() -> seen.size() == 1);

    engine.dispatcher.assign("slow:slow", PAYLOAD, "wf", run, 1);
    engine.dispatcher.assign("slow:slow", PAYLOAD, "wf", run, 0);
    Thread.sleep(300);

    assertThat(seen).containsExactly(new Attempt(run, 1));
    assertThat(worker.runningTasks()).isZero();
  }

  @Test
  void aCancelNamesTheAttemptItCancels() throws Exception {
    String run = UUID.randomUUID().toString();
    engine.dispatcher.assign("slow:slow", PAYLOAD, "wf", run, 0);
    await().until(() -> seen.size() == 1);

    engine.dispatcher.cancel(run, 1);
    Thread.sleep(200);
    assertThat(worker.runningTasks()).as("a cancel of another attempt leaves this one running").isEqualTo(1);

    engine.dispatcher.cancel(run, 0);
    await().until(() -> worker.metrics().tasks(Outcome.CANCELLED) == 1);
    firstMayReturn.countDown();
    await().until(() -> worker.runningTasks() == 0);
    assertThat(engine.dispatcher.events(run)).extracting(StepActionEvent::getEventType)
        .containsExactly(StepActionEventType.STEP_EVENT_TYPE_STARTED);
  }
}
