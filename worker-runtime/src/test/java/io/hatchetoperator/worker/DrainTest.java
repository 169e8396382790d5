package io.hatchetoperator.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hatchetoperator.proto.dispatcher.StepActionEvent;
import io.hatchetoperator.proto.dispatcher.StepActionEventType;
import io.hatchetoperator.worker.config.HatchetSettings;
import io.hatchetoperator.worker.health.WorkerMetrics.Outcome;
import io.hatchetoperator.worker.runtime.WorkerRuntime;
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

/** Shutdown: pause, keep the stream, finish or hand back running tasks (or fail them fast), unsubscribe; and kill. */
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
    return startHolding(drainTimeout, HatchetSettings.StopMode.HAND_BACK);
  }

  private String startHolding(Duration drainTimeout, HatchetSettings.StopMode mode) throws Exception {
    Hatchet hatchet = engine.hatchet().drainTimeout(drainTimeout).stopMode(mode).build();
    worker = hatchet.worker("test-worker", WorkerOptions.slots(5), hatchet.task("hold", (input, ctx) -> {
      release.await();
      return Map.of("done", true);
    }), hatchet.task("quick", TaskOptions.builder().executionTimeout(Duration.ofSeconds(2)).build(),
        Map.class, (input, ctx) -> Map.of("quick", true)));
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
    await().until(() -> ((WorkerRuntime) worker).metrics().tasks(Outcome.HANDED_BACK) == 1);
    assertThat(engine.dispatcher.events(late)).as("handed back: not run, not reported").isEmpty();
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
  void keepsTheStreamAndHeartbeatsWhenThePauseFailsAndRetriesThePause() throws Exception {
    engine.rest.status = 503;
    String run = startHolding(Duration.ofSeconds(20));

    CompletableFuture<Void> done = worker.shutdown();

    await().atMost(Duration.ofSeconds(10)).until(() -> engine.rest.requests().size() >= 2);
    int beats = engine.dispatcher.heartbeats.size();
    await().until(() -> engine.dispatcher.heartbeats.size() >= beats + 3);
    assertThat(engine.dispatcher.listening()).as("stream kept while tasks run").isTrue();
    String quick = engine.dispatcher.assign("quick:quick", "{}");
    await().until(() -> engine.dispatcher.events(quick).size() == 2);
    assertThat(engine.dispatcher.events(quick).get(1).getEventType())
        .as("a short task that fits before the deadline runs").isEqualTo(StepActionEventType.STEP_EVENT_TYPE_COMPLETED);
    assertThat(done).isNotDone();
    release.countDown();
    done.get(5, TimeUnit.SECONDS);
    assertThat(engine.dispatcher.events(run)).extracting(StepActionEvent::getEventType)
        .containsExactly(StepActionEventType.STEP_EVENT_TYPE_STARTED, StepActionEventType.STEP_EVENT_TYPE_COMPLETED);
    assertThat(engine.dispatcher.unsubscribes).hasSize(1);
  }

  @Test
  void handsBackTasksStillRunningAtTheDrainDeadlineReportingNothingAndStoppingHeartbeats() throws Exception {
    String run = startHolding(Duration.ofMillis(300));

    worker.shutdown().get(5, TimeUnit.SECONDS);
    int beats = engine.dispatcher.heartbeats.size();
    Thread.sleep(600);

    assertThat(engine.dispatcher.events(run)).extracting(StepActionEvent::getEventType)
        .as("no FAILED: the engine reassigns it without using a retry")
        .containsExactly(StepActionEventType.STEP_EVENT_TYPE_STARTED);
    assertThat(engine.dispatcher.heartbeats).hasSize(beats);
    assertThat(engine.dispatcher.unsubscribes).hasSize(1);
    assertThat(((WorkerRuntime) worker).metrics().tasks(Outcome.HANDED_BACK)).isEqualTo(1);
    assertThat(worker.state()).isEqualTo(WorkerState.STOPPED);
  }

  @Test
  void failFastReportsTasksStillRunningAtTheDrainDeadlineAsFailed() throws Exception {
    String run = startHolding(Duration.ofMillis(300), HatchetSettings.StopMode.FAIL_FAST);

    worker.shutdown().get(5, TimeUnit.SECONDS);

    assertThat(engine.dispatcher.events(run)).extracting(StepActionEvent::getEventType)
        .containsExactly(StepActionEventType.STEP_EVENT_TYPE_STARTED,
            StepActionEventType.STEP_EVENT_TYPE_FAILED);
    StepActionEvent failed = engine.dispatcher.events(run).get(1);
    assertThat(failed.getEventPayload()).startsWith("worker shut down before the task finished\n\n{\"__hatchet_error_metadata__\"");
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
