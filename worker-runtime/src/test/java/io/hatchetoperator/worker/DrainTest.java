package io.hatchetoperator.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hatchetoperator.proto.dispatcher.StepActionEvent;
import io.hatchetoperator.proto.dispatcher.StepActionEventType;
import io.hatchetoperator.worker.testing.TestingEngine;
import io.hatchetoperator.worker.testing.TestingRest;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Shutdown: pause, stop listening, finish or abandon running tasks, report, unsubscribe; and kill. */
class DrainTest {
  private TestingEngine engine;
  private Worker worker;
  private final CountDownLatch release = new CountDownLatch(1);

  @BeforeEach
  void setUp() throws Exception {
    engine = new TestingEngine();
  }

  @AfterEach
  void tearDown() {
    release.countDown();
    if (worker != null) {
      worker.kill();
    }
    engine.close();
  }

  private String startHolding(Duration drainTimeout) throws Exception {
    Hatchet hatchet = engine.hatchet().drainTimeout(drainTimeout).build();
    worker = hatchet.worker("test-worker", WorkerOptions.slots(5), hatchet.task("hold", (input, ctx) -> {
      release.await();
      return Map.of("done", true);
    }));
    worker.startAsync().get(30, TimeUnit.SECONDS);
    await().until(engine.dispatcher::listening);
    String run = engine.dispatcher.assign("hold:hold", "{}");
    await().until(() -> engine.dispatcher.events(run).size() == 1);
    return run;
  }

  @Test
  void pausesTakesNothingNewLetsTheRunningTaskFinishReportsItAndUnsubscribes() throws Exception {
    String run = startHolding(Duration.ofSeconds(10));
    String id = worker.workerId().orElseThrow();

    CompletableFuture<Void> done = worker.shutdown();

    await().until(() -> !engine.rest.requests().isEmpty());
    TestingRest.Request pause = engine.rest.requests().get(0);
    assertThat(pause.method()).isEqualTo("PATCH");
    assertThat(pause.path()).isEqualTo("/api/v1/workers/" + id);
    assertThat(pause.authorization()).isEqualTo("Bearer " + engine.token());
    assertThat(pause.body()).isEqualTo("{\"isPaused\":true}");
    assertThat(worker.state()).isEqualTo(WorkerState.DRAINING);
    assertThat(worker.isReady()).isFalse();
    assertThat(engine.dispatcher.listening()).as("stream kept so heartbeats stay valid").isTrue();
    String late = engine.dispatcher.assign("hold:hold", "{}");
    await().until(() -> engine.dispatcher.events(late).size() == 1);
    StepActionEvent refused = engine.dispatcher.events(late).get(0);
    assertThat(refused.getEventType()).isEqualTo(StepActionEventType.STEP_EVENT_TYPE_FAILED);
    assertThat(refused.getEventPayload()).isEqualTo(
        "worker 'test-worker' is DRAINING and takes no new tasks; retry elsewhere");
    assertThat(refused.getShouldNotRetry()).isFalse();
    assertThat(done).isNotDone();
    assertThat(worker.runningTasks()).isEqualTo(1);

    release.countDown();
    done.get(5, TimeUnit.SECONDS);

    assertThat(engine.dispatcher.events(run)).extracting(StepActionEvent::getEventType)
        .containsExactly(StepActionEventType.STEP_EVENT_TYPE_STARTED,
            StepActionEventType.STEP_EVENT_TYPE_COMPLETED);
    assertThat(engine.dispatcher.unsubscribes).containsExactly(id);
    assertThat(engine.dispatcher.listenCalls).hasSize(1);
    assertThat(engine.dispatcher.listening()).isFalse();
    assertThat(worker.state()).isEqualTo(WorkerState.STOPPED);
    assertThat(worker.termination()).isCompletedWithValue(WorkerState.STOPPED);
  }

  @Test
  void closesTheStreamAtOnceWhenThePauseFails() throws Exception {
    engine.rest.status = 503;
    startHolding(Duration.ofSeconds(10));

    CompletableFuture<Void> done = worker.shutdown();

    await().until(() -> !engine.dispatcher.listening());
    assertThat(done).isNotDone();
    release.countDown();
    done.get(5, TimeUnit.SECONDS);
    assertThat(engine.dispatcher.unsubscribes).hasSize(1);
  }

  @Test
  void reportsTasksStillRunningAtTheDrainDeadlineAsFailedSoTheEngineRetriesThem() throws Exception {
    String run = startHolding(Duration.ofMillis(300));

    worker.shutdown().get(5, TimeUnit.SECONDS);

    assertThat(engine.dispatcher.events(run)).extracting(StepActionEvent::getEventType)
        .containsExactly(StepActionEventType.STEP_EVENT_TYPE_STARTED,
            StepActionEventType.STEP_EVENT_TYPE_FAILED);
    StepActionEvent failed = engine.dispatcher.events(run).get(1);
    assertThat(failed.getEventPayload()).isEqualTo("worker shut down before the task finished");
    assertThat(failed.getShouldNotRetry()).isFalse();
    assertThat(engine.dispatcher.unsubscribes).hasSize(1);
  }

  @Test
  void killSendsNothingMore() throws Exception {
    String run = startHolding(Duration.ofSeconds(10));
    int beats = engine.dispatcher.heartbeats.size();

    worker.kill();
    release.countDown();
    Thread.sleep(500);

    assertThat(worker.state()).isEqualTo(WorkerState.KILLED);
    assertThat(engine.dispatcher.events(run)).hasSize(1);
    assertThat(engine.dispatcher.unsubscribes).isEmpty();
    assertThat(engine.rest.requests()).isEmpty();
    assertThat(engine.dispatcher.heartbeats.size()).isLessThanOrEqualTo(beats + 1);
    assertThat(engine.dispatcher.listening()).isFalse();
  }

  @Test
  void aKillDuringTheDrainStopsItAtOnceAndSendsNothingMore() throws Exception {
    String run = startHolding(Duration.ofSeconds(10));
    CompletableFuture<Void> done = worker.shutdown();
    await().until(() -> !engine.rest.requests().isEmpty());

    worker.kill();
    release.countDown();
    done.get(10, TimeUnit.SECONDS);

    assertThat(worker.state()).isEqualTo(WorkerState.KILLED);
    assertThat(worker.termination()).isCompletedWithValue(WorkerState.KILLED);
    assertThat(engine.dispatcher.events(run)).hasSize(1);
    assertThat(engine.dispatcher.unsubscribes).isEmpty();
  }

  @Test
  void shutdownBeforeStartEndsAtOnce() throws Exception {
    Hatchet hatchet = engine.hatchet().build();
    worker = hatchet.worker("idle", WorkerOptions.slots(1), hatchet.task("noop", (i, c) -> null));

    worker.shutdown().get(1, TimeUnit.SECONDS);

    assertThat(worker.state()).isEqualTo(WorkerState.STOPPED);
    assertThat(engine.dispatcher.registers).isEmpty();
  }
}
