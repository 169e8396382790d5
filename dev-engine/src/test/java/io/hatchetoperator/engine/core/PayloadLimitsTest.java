package io.hatchetoperator.engine.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** An input (with its metadata, {} = 2 bytes) too large to deliver, and queued inputs beyond the memory budget, are refused at trigger time. */
class PayloadLimitsTest {

  private final MutableClock clock = new MutableClock();
  private final Scheduler scheduler = new Scheduler(clock, EngineTimings.hatchet(), Ids.uuid(), new WorkflowRegistry(),
      new PayloadLimits(1_100, 2_500));

  private static String input(int bytes) {
    return "{\"x\":\"" + "a".repeat(bytes - 8) + "\"}";
  }

  @Test
  void an_input_over_the_deliverable_limit_is_refused_naming_the_limit_and_the_fix() {
    scheduler.registry().put(io.hatchetoperator.proto.v1.CreateWorkflowVersionRequest.newBuilder().setName("big")
        .addTasks(Engines.task("big", "big")).build());
    assertThatThrownBy(() -> scheduler.trigger(TriggerRequest.of("big", input(1_099))))
        .isInstanceOfSatisfying(EngineException.class,
            e -> assertThat(e.kind()).isEqualTo(EngineException.Kind.RESOURCE_EXHAUSTED))
        .hasMessageContaining("input is 1101 bytes")
        .hasMessageContaining("delivers to a worker is 1100 bytes")
        .hasMessageContaining("HATCHET_CLIENT_GRPC_MAX_RECV_MESSAGE_LENGTH");
    assertThat(scheduler.trigger(TriggerRequest.of("big", input(1_098)))).isNotBlank();
  }

  @Test
  void queued_inputs_beyond_the_budget_are_refused_until_runs_finish() {
    Engines e = new Engines(scheduler);
    e.simple("q");
    scheduler.trigger(TriggerRequest.of("q", input(1_000)));
    scheduler.trigger(TriggerRequest.of("q", input(1_000)));
    assertThatThrownBy(() -> scheduler.trigger(TriggerRequest.of("q", input(1_000))))
        .isInstanceOfSatisfying(EngineException.class,
            ex -> assertThat(ex.kind()).isEqualTo(EngineException.Kind.RESOURCE_EXHAUSTED))
        .hasMessageContaining("2004 bytes of inputs are held by unfinished runs")
        .hasMessageContaining("2500")
        .hasMessageContaining("--max-queued-bytes");
    RecordingSink w = e.worker("w", 5, "q:q");
    e.complete(w.started.get(0), "{}");
    assertThat(scheduler.trigger(TriggerRequest.of("q", input(1_000)))).isNotBlank();
    assertThat(scheduler.payloadBytesHeld()).isEqualTo(2_004);
  }
}
