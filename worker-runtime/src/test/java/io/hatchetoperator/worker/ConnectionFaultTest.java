package io.hatchetoperator.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.Status;
import io.hatchetoperator.proto.dispatcher.StepActionEvent;
import io.hatchetoperator.proto.dispatcher.StepActionEventType;
import io.hatchetoperator.worker.testing.TestingEngine;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Failing heartbeats, an engine outage, refused credentials, a stream that breaks during a drain. */
class ConnectionFaultTest {
  private final HttpClient http = HttpClient.newHttpClient();
  private final CountDownLatch release = new CountDownLatch(1);
  private TestingEngine engine;
  private Worker worker;

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

  private CompletableFuture<String> start() {
    Hatchet hatchet = engine.hatchet().healthPort(0).drainTimeout(Duration.ofSeconds(30))
        .timing(TestingEngine.fastTiming().withMaxReconnectAttempts(0)).build();
    worker = hatchet.worker("faults", WorkerOptions.slots(3), hatchet.task("hold", (input, ctx) -> {
      if (input.containsKey("hold")) {
        release.await();
      }
      return Map.of("ok", true);
    }));
    return worker.startAsync();
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + worker.healthPort().getAsInt() + path))
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void heartbeatsFailingWithAnyStatusReconnectAndTakeReadinessAwayUntilTheyAreAcknowledgedAgain() throws Exception {
    start().get(30, TimeUnit.SECONDS);
    assertThat(worker.isReady()).isTrue();

    engine.dispatcher.heartbeatStatus = Status.UNAVAILABLE.withDescription("half-open connection");
    await().until(() -> engine.dispatcher.listenCalls.size() >= 2);
    await().until(() -> !worker.isReady());
    assertThat(get("/readyz").statusCode()).isEqualTo(503);
    HttpResponse<String> live = get("/livez");
    assertThat(live.statusCode()).as("a restart would not help: alive but degraded").isEqualTo(200);
    assertThat(live.body()).startsWith("degraded");
    assertThat(get("/health").body()).contains("\"status\":\"DEGRADED\"");
    await().until(() -> engine.dispatcher.heartbeats.size() >= 15);
    assertThat(worker.state()).isNotEqualTo(WorkerState.GAVE_UP);

    engine.dispatcher.heartbeatStatus = null;
    await().until(worker::isReady);
    assertThat(get("/readyz").statusCode()).isEqualTo(200);
    assertThat(get("/livez").body()).startsWith("ok");
    assertThat(engine.dispatcher.registers).as("same worker id throughout").hasSize(1);
  }

  @Test
  void isNotReadyUntilTheEngineAcknowledgesAHeartbeatOnTheStream() throws Exception {
    engine.dispatcher.heartbeatStatus = Status.FAILED_PRECONDITION.withDescription("worker stream is not active");
    CompletableFuture<String> started = start();

    await().until(() -> engine.dispatcher.heartbeats.size() >= 3);
    assertThat(started).isNotDone();
    assertThat(worker.isReady()).isFalse();

    engine.dispatcher.heartbeatStatus = null;
    started.get(10, TimeUnit.SECONDS);
    await().until(worker::isReady);
  }

  @Test
  void anEngineOutageIsWaitedOutAndNoResultIsLost() throws Exception {
    start().get(30, TimeUnit.SECONDS);
    String run = engine.dispatcher.assign("hold:hold", "{\"hold\":true}");
    await().until(() -> engine.dispatcher.events(run).size() == 1);

    engine.dispatcher.listenStatus = Status.UNAVAILABLE.withDescription("engine down");
    engine.dispatcher.heartbeatStatus = Status.UNAVAILABLE.withDescription("engine down");
    engine.dispatcher.eventFailures.set(Integer.MAX_VALUE);
    engine.dispatcher.breakStreams(Status.UNAVAILABLE);
    release.countDown();
    Thread.sleep(4000);
    assertThat(worker.state()).as("far more than the old 15 attempts' worth of backoff").isEqualTo(WorkerState.RECONNECTING);
    assertThat(get("/livez").statusCode()).isEqualTo(200);

    engine.dispatcher.listenStatus = null;
    engine.dispatcher.heartbeatStatus = null;
    engine.dispatcher.eventFailures.set(0);
    await().atMost(Duration.ofSeconds(15)).until(() -> worker.isReady()
        && engine.dispatcher.events(run).size() == 2);
    assertThat(engine.dispatcher.events(run)).extracting(StepActionEvent::getEventType)
        .containsExactly(StepActionEventType.STEP_EVENT_TYPE_STARTED, StepActionEventType.STEP_EVENT_TYPE_COMPLETED);
  }

  @Test
  void refusedCredentialsAtRegistrationStopTheWorkerAtOnceWithoutRetrying() throws Exception {
    engine.dispatcher.registerStatus = Status.UNAUTHENTICATED.withDescription("invalid auth token");
    start();

    assertThat(worker.termination().get(5, TimeUnit.SECONDS)).isEqualTo(WorkerState.GAVE_UP);
    assertThat(engine.dispatcher.registers).hasSize(1);
    assertThat(get("/livez").statusCode()).isEqualTo(503);
  }

  @Test
  void aStreamBreakingDuringTheDrainReconnectsAsTheSamePausedWorker() throws Exception {
    start().get(30, TimeUnit.SECONDS);
    String run = engine.dispatcher.assign("hold:hold", "{\"hold\":true}");
    await().until(() -> engine.dispatcher.events(run).size() == 1);
    CompletableFuture<Void> done = worker.shutdown();
    await().until(() -> !engine.rest.requests().isEmpty());

    engine.dispatcher.breakStreams(Status.UNAVAILABLE.withDescription("proxy restarted"));
    await().until(() -> engine.dispatcher.listenCalls.size() == 2 && engine.dispatcher.listening());

    assertThat(engine.dispatcher.registers).as("no new, unpaused worker").hasSize(1);
    release.countDown();
    done.get(10, TimeUnit.SECONDS);
    assertThat(engine.dispatcher.events(run)).extracting(StepActionEvent::getEventType)
        .containsExactly(StepActionEventType.STEP_EVENT_TYPE_STARTED, StepActionEventType.STEP_EVENT_TYPE_COMPLETED);
  }

  @Test
  void aWorkerTheEngineForgotDuringTheDrainIsNotRegisteredAgain() throws Exception {
    start().get(30, TimeUnit.SECONDS);
    String run = engine.dispatcher.assign("hold:hold", "{\"hold\":true}");
    await().until(() -> engine.dispatcher.events(run).size() == 1);
    CompletableFuture<Void> done = worker.shutdown();
    await().until(() -> !engine.rest.requests().isEmpty());

    engine.dispatcher.breakStreams(Status.NOT_FOUND.withDescription("worker not found"));
    Thread.sleep(500);

    assertThat(engine.dispatcher.registers).hasSize(1);
    release.countDown();
    done.get(10, TimeUnit.SECONDS);
    assertThat(engine.dispatcher.events(run)).extracting(StepActionEvent::getEventType)
        .as("the result is still reported: the engine takes it unless it reassigned the run")
        .containsExactly(StepActionEventType.STEP_EVENT_TYPE_STARTED, StepActionEventType.STEP_EVENT_TYPE_COMPLETED);
  }
}
