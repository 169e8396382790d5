package io.hatchetoperator.engine.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hatchetoperator.proto.v1.CreateWorkflowVersionRequest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Crons and scheduled runs fire on the engine's clock, at their time and not before. */
class TimedTriggersTest {

  private final Engines e = new Engines();
  private final TimedTriggers timed = new TimedTriggers(e.scheduler, e.clock);

  /** Moves the clock; the worker heartbeats (it would be stale after 5 s of silence) and the triggers tick. */
  private java.util.List<String> after(Duration d, RecordingSink w) {
    e.clock.advance(d);
    e.scheduler.heartbeat(w.workerId);
    return timed.tick();
  }

  @Test
  void a_cron_fires_at_each_matching_minute_with_its_cron_input_and_not_before() {
    // the clock starts at 2027-01-15T08:00:00Z
    e.scheduler.registry().put(CreateWorkflowVersionRequest.newBuilder().setName("nightly")
        .addTasks(Engines.task("nightly", "nightly")).addCronTriggers("*/5 * * * *").setCronInput("{\"from\":\"cron\"}")
        .build());
    RecordingSink w = e.worker("w", 5, "nightly:nightly");
    assertThat(timed.tick()).isEmpty();
    assertThat(after(Duration.ofMinutes(5).minusMillis(1), w)).isEmpty();
    assertThat(after(Duration.ofMillis(1), w)).hasSize(1);
    assertThat(timed.tick()).isEmpty();
    assertThat(w.started).hasSize(1);
    assertThat(w.last().run().request().inputJson()).isEqualTo("{\"from\":\"cron\"}");
    assertThat(after(Duration.ofMinutes(5), w)).hasSize(1);
    // a paused engine fires a missed cron once, as Hatchet's ticker does
    assertThat(after(Duration.ofHours(1), w)).hasSize(1);
    assertThat(w.started).hasSize(3);
  }

  @Test
  void a_workflow_registered_again_without_its_cron_stops_firing() {
    e.scheduler.registry().put(CreateWorkflowVersionRequest.newBuilder().setName("c")
        .addTasks(Engines.task("c", "c")).addCronTriggers("* * * * *").build());
    timed.tick();
    e.simple("c");
    e.clock.advance(Duration.ofMinutes(3));
    assertThat(timed.tick()).isEmpty();
  }

  @Test
  void scheduled_runs_start_at_their_time_in_time_order() {
    e.simple("later");
    RecordingSink w = e.worker("w", 5, "later:later");
    long now = e.clock.millis();
    timed.schedule(TriggerRequest.of("later", "{\"n\":2}"), now + 20_000);
    timed.schedule(TriggerRequest.of("later", "{\"n\":1}"), now + 10_000);
    assertThat(after(Duration.ofMillis(9_999), w)).isEmpty();
    assertThat(after(Duration.ofMillis(1), w)).hasSize(1);
    assertThat(w.last().run().request().inputJson()).isEqualTo("{\"n\":1}");
    after(Duration.ofSeconds(10), w);
    assertThat(w.last().run().request().inputJson()).isEqualTo("{\"n\":2}");
    assertThat(timed.pendingSchedules()).isZero();
  }

  @Test
  void scheduling_an_unknown_workflow_or_registering_a_bad_cron_fails_naming_it() {
    assertThatThrownBy(() -> timed.schedule(TriggerRequest.of("nope", "{}"), 0)).hasMessageContaining("'nope'");
    assertThatThrownBy(() -> e.scheduler.registry().put(CreateWorkflowVersionRequest.newBuilder().setName("bad")
        .addTasks(Engines.task("bad", "bad")).addCronTriggers("every minute please").build()))
        .hasMessageContaining("cron_triggers[0] of workflow 'bad'");
  }
}
