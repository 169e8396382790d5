package io.hatchetoperator.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.Status;
import io.hatchetoperator.proto.dispatcher.StepActionEvent;
import io.hatchetoperator.proto.dispatcher.StepActionEventType;
import io.hatchetoperator.worker.runtime.WorkerRuntime;
import io.hatchetoperator.worker.testing.TestingEngine;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Event answers classified: oversized output, fatal credentials, invalid events, bounded retries with a drop metric. */
class EventFailureTest {
  private TestingEngine engine;
  private WorkerRuntime worker;

  @BeforeEach
  void setUp() throws Exception {
    engine = new TestingEngine();
    Hatchet hatchet = engine.hatchet().env(Map.of("HATCHET_CLIENT_TOKEN", engine.token(),
        "HATCHET_CLIENT_TLS_STRATEGY", "none", "HATCHET_CLIENT_GRPC_MAX_SEND_MESSAGE_LENGTH", "65536")).build();
    worker = (WorkerRuntime) hatchet.worker("events", WorkerOptions.slots(2), hatchet.task("echo", (input, ctx) ->
        Map.of("text", "x".repeat(((Number) input.getOrDefault("size", 1)).intValue()))));
    worker.startAsync().get(30, TimeUnit.SECONDS);
    await().until(engine.dispatcher::listening);
  }

  @AfterEach
  void tearDown() {
    worker.kill();
    engine.close();
  }

  private List<StepActionEvent> awaitResult(String run) {
    await().atMost(Duration.ofSeconds(20)).until(() -> engine.dispatcher.events(run).stream()
        .anyMatch(e -> e.getEventType() != StepActionEventType.STEP_EVENT_TYPE_STARTED));
    return engine.dispatcher.events(run);
  }

  @Test
  void anOutputOverTheMessageLimitFailsTheRunForGoodNamingItsSize() {
    StepActionEvent failed = awaitResult(engine.dispatcher.assign("echo:echo", "{\"size\":100000}")).get(1);

    assertThat(failed.getEventType()).isEqualTo(StepActionEventType.STEP_EVENT_TYPE_FAILED);
    assertThat(failed.getShouldNotRetry()).isTrue();
    assertThat(failed.getEventPayload()).startsWith("output of task 'echo' is 100011 bytes, over the 61440 bytes")
        .contains("HATCHET_CLIENT_GRPC_MAX_SEND_MESSAGE_LENGTH");
  }

  @Test
  void aCompletedRefusedAsTooLargeBecomesANonRetryableFailure() {
    engine.dispatcher.eventFailureType = StepActionEventType.STEP_EVENT_TYPE_COMPLETED;
    engine.dispatcher.eventFailureStatus = Status.RESOURCE_EXHAUSTED.withDescription("message larger than max");
    engine.dispatcher.eventFailures.set(1);

    StepActionEvent failed = awaitResult(engine.dispatcher.assign("echo:echo", "{\"size\":10}")).get(1);

    assertThat(failed.getEventType()).isEqualTo(StepActionEventType.STEP_EVENT_TYPE_FAILED);
    assertThat(failed.getShouldNotRetry()).isTrue();
    assertThat(failed.getEventPayload()).contains("refused it as too large").contains("bytes");
  }

  @Test
  void otherCodesAreRetriedABoundedNumberOfTimesThenDroppedAndCounted() {
    engine.dispatcher.eventFailureType = StepActionEventType.STEP_EVENT_TYPE_COMPLETED;
    engine.dispatcher.eventFailureStatus = Status.INTERNAL.withDescription("boom");
    engine.dispatcher.eventFailures.set(1000);

    String run = engine.dispatcher.assign("echo:echo", "{}");

    await().atMost(Duration.ofSeconds(30)).until(() -> worker.metrics().eventsDropped("INTERNAL") == 1);
    assertThat(engine.dispatcher.eventFailures.get()).isEqualTo(1000 - 10);
    assertThat(engine.dispatcher.events(run)).extracting(StepActionEvent::getEventType)
        .containsExactly(StepActionEventType.STEP_EVENT_TYPE_STARTED);
  }

  @Test
  void anInvalidEventIsDroppedAtOnceAndCounted() {
    engine.dispatcher.eventFailureType = StepActionEventType.STEP_EVENT_TYPE_COMPLETED;
    engine.dispatcher.eventFailureStatus = Status.INVALID_ARGUMENT.withDescription("bad");
    engine.dispatcher.eventFailures.set(1000);

    engine.dispatcher.assign("echo:echo", "{}");

    await().until(() -> worker.metrics().eventsDropped("INVALID_ARGUMENT") == 1);
    assertThat(engine.dispatcher.eventFailures.get()).isEqualTo(999);
  }

  @Test
  void refusedCredentialsStopTheWorkerAtOnce() throws Exception {
    engine.dispatcher.eventFailureStatus = Status.UNAUTHENTICATED.withDescription("invalid auth token");
    engine.dispatcher.eventFailures.set(1000);

    engine.dispatcher.assign("echo:echo", "{}");

    assertThat(worker.termination().get(10, TimeUnit.SECONDS)).isEqualTo(WorkerState.GAVE_UP);
    assertThat(engine.dispatcher.eventFailures.get()).as("STARTED and COMPLETED once each, never retried")
        .isGreaterThanOrEqualTo(998);
  }
}
