package io.hatchetoperator.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.Status;
import io.hatchetoperator.proto.dispatcher.StepActionEvent;
import io.hatchetoperator.proto.dispatcher.StepActionEventType;
import io.hatchetoperator.worker.testing.TestingDispatcher.Beat;
import io.hatchetoperator.worker.testing.TestingEngine;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Stream errors, undeliverable events, heartbeat cadence and rejection, giving up. */
class ReconnectTest {
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

  private void start(Workflow... workflows) throws Exception {
    worker = hatchet.worker("test-worker", WorkerOptions.slots(5), workflows);
    worker.startAsync().get(30, TimeUnit.SECONDS);
    await().until(engine.dispatcher::listening);
  }

  @Test
  void reconnectsAfterAStreamErrorWithNoEventLostOrDuplicated() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    start(hatchet.task("hold", (input, ctx) -> {
      release.await();
      return Map.of("done", true);
    }));
    String before = engine.dispatcher.assign("hold:hold", "{}");
    await().until(() -> engine.dispatcher.events(before).size() == 1);

    engine.dispatcher.breakStreams(Status.UNAVAILABLE.withDescription("engine restarting"));
    engine.dispatcher.eventFailures.set(3);
    release.countDown();

    await().atMost(Duration.ofSeconds(5)).until(() -> engine.dispatcher.listenCalls.size() == 2
        && engine.dispatcher.listening());
    String after = engine.dispatcher.assign("hold:hold", "{}");
    await().atMost(Duration.ofSeconds(5)).until(() -> engine.dispatcher.events(after).size() == 2
        && engine.dispatcher.events(before).size() == 2);
    Thread.sleep(300);
    for (String run : List.of(before, after)) {
      assertThat(engine.dispatcher.events(run)).extracting(StepActionEvent::getEventType)
          .containsExactly(StepActionEventType.STEP_EVENT_TYPE_STARTED,
              StepActionEventType.STEP_EVENT_TYPE_COMPLETED);
    }
    assertThat(engine.dispatcher.registers).hasSize(1);
    assertThat(worker.state()).isEqualTo(WorkerState.LISTENING);
  }

  @Test
  void retriesEventsUntilTheEngineTakesThemAndKeepsStartedBeforeCompleted() throws Exception {
    start(hatchet.task("quick", (input, ctx) -> Map.of("n", 1)));
    engine.dispatcher.eventFailures.set(2);

    String run = engine.dispatcher.assign("quick:quick", "{}");

    await().atMost(Duration.ofSeconds(10)).until(() -> engine.dispatcher.events(run).size() == 2);
    assertThat(engine.dispatcher.events(run)).extracting(StepActionEvent::getEventType)
        .containsExactly(StepActionEventType.STEP_EVENT_TYPE_STARTED,
            StepActionEventType.STEP_EVENT_TYPE_COMPLETED);
  }

  @Test
  void aResultOvertakesAStartedStuckAfterThreeFailedAttempts() throws Exception {
    start(hatchet.task("quick", (input, ctx) -> Map.of("n", 1)));
    engine.dispatcher.eventFailures.set(3);

    String run = engine.dispatcher.assign("quick:quick", "{}");

    await().atMost(Duration.ofSeconds(10)).until(() -> !engine.dispatcher.events(run).isEmpty());
    Thread.sleep(300);
    assertThat(engine.dispatcher.events(run)).extracting(StepActionEvent::getEventType)
        .containsExactly(StepActionEventType.STEP_EVENT_TYPE_COMPLETED);
  }

  @Test
  void heartbeatsAtOnceAndThenAtTheConfiguredInterval() throws Exception {
    start(hatchet.task("noop", (input, ctx) -> null));
    long from = System.nanoTime();

    await().atMost(Duration.ofSeconds(5)).until(() -> engine.dispatcher.heartbeats.size() >= 6);

    List<Beat> beats = engine.dispatcher.heartbeats.subList(0, 6);
    assertThat(beats).allMatch(b -> b.workerId().equals(worker.workerId().orElseThrow()));
    assertThat(beats.get(0).nanos() - from).as("first heartbeat at once").isLessThan(TimeUnit.SECONDS.toNanos(1));
    long spanMs = TimeUnit.NANOSECONDS.toMillis(beats.get(5).nanos() - beats.get(0).nanos());
    assertThat(spanMs).as("5 intervals of 200 ms (fixed rate)").isBetween(800L, 1500L);
  }

  @Test
  void defaultTimingIsHatchetsFourSecondHeartbeatWithAFiveSecondDeadline() {
    var timing = io.hatchetoperator.worker.config.HatchetSettings.TimingSettings.defaults();
    assertThat(timing.heartbeatInterval()).isEqualTo(Duration.ofSeconds(4));
    assertThat(timing.heartbeatTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(timing.maxReconnectAttempts()).as("never give up").isZero();
    assertThat(timing.heartbeatMisses()).isEqualTo(3);
  }

  @Test
  void reconnectsWhenTheEngineRejectsAHeartbeatAsNotListening() throws Exception {
    start(hatchet.task("noop", (input, ctx) -> null));
    engine.dispatcher.heartbeatStatus =
        Status.FAILED_PRECONDITION.withDescription("Heartbeat rejected: worker stream is not active");

    await().atMost(Duration.ofSeconds(5)).until(() -> engine.dispatcher.listenCalls.size() >= 2);
    engine.dispatcher.heartbeatStatus = null;
    await().until(() -> worker.state() == WorkerState.LISTENING);
    assertThat(engine.dispatcher.registers).hasSize(1);
  }

  @Test
  void reRegistersWhenTheEngineNoLongerKnowsTheWorker() throws Exception {
    start(hatchet.task("noop", (input, ctx) -> null));
    String first = worker.workerId().orElseThrow();
    engine.dispatcher.heartbeatStatus = Status.NOT_FOUND.withDescription("worker not found");

    await().atMost(Duration.ofSeconds(5)).until(() -> engine.dispatcher.registers.size() >= 2);
    engine.dispatcher.heartbeatStatus = null;
    await().until(() -> worker.state() == WorkerState.LISTENING);
    assertThat(worker.workerId().orElseThrow()).isNotEqualTo(first);
  }

  @Test
  void givesUpAfterTheConfiguredNumberOfFailures() throws Exception {
    start(hatchet.task("noop", (input, ctx) -> null));
    engine.dispatcher.listenStatus = Status.UNAVAILABLE.withDescription("down");

    engine.dispatcher.breakStreams(Status.UNAVAILABLE);

    assertThat(worker.termination().get(10, TimeUnit.SECONDS)).isEqualTo(WorkerState.GAVE_UP);
    // 5 allowed failures: the broken stream plus 4 failed reconnects, the 5th reconnect fails too.
    assertThat(engine.dispatcher.listenCalls.stream().filter(c -> c.contains("failed"))).hasSize(5);
  }
}
