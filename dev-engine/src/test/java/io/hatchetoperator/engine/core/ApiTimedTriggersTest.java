package io.hatchetoperator.engine.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Schedules and crons created over the API: they start on the engine clock, and deleting one stops it. */
class ApiTimedTriggersTest {

  private final Engines e = new Engines();
  private final TimedTriggers timed = new TimedTriggers(e.scheduler, e.clock);

  private List<String> after(Duration d, RecordingSink w) {
    e.clock.advance(d);
    e.scheduler.heartbeat(w.workerId);
    return timed.tick();
  }

  private static TriggerRequest request(String wf, String input) {
    return new TriggerRequest(wf, input, "{\"src\":\"api\"}", 3, null, null, null, null, null, null);
  }

  @Test
  void a_deleted_schedule_never_runs_and_a_started_one_names_its_run() {
    e.simple("s");
    RecordingSink w = e.worker("w", 5, "s:s");
    long at = e.clock.millis() + 2_000;
    ScheduledRuns.Entry kept = timed.scheduleEntry(request("s", "{\"n\":1}"), at);
    ScheduledRuns.Entry gone = timed.scheduleEntry(request("s", "{\"n\":2}"), at);
    timed.deleteScheduled(gone.id());
    assertThatThrownBy(() -> timed.scheduled(gone.id())).hasMessageContaining(gone.id());
    List<String> started = after(Duration.ofSeconds(2), w);
    assertThat(started).hasSize(1);
    assertThat(w.started).hasSize(1);
    assertThat(w.last().run().request().inputJson()).isEqualTo("{\"n\":1}");
    assertThat(w.last().run().priority()).isEqualTo(3);
    assertThat(timed.scheduled(kept.id()).runId()).isEqualTo(started.get(0));
    assertThat(timed.scheduled(kept.id()).runCreatedAtMillis()).isEqualTo(at);
    assertThat(after(Duration.ofMinutes(5), w)).isEmpty();
    assertThat(timed.schedules()).extracting(ScheduledRuns.Entry::id).containsExactly(kept.id());
  }

  @Test
  void an_api_cron_with_seconds_fires_on_its_expression_with_its_input_and_stops_when_deleted() {
    // the clock starts at 2027-01-15T08:00:00Z
    e.simple("c");
    RecordingSink w = e.worker("w", 5, "c:c");
    ApiCrons.Entry cron = timed.addCron("every-10s", "*/10 * * * * *", request("c", "{\"from\":\"cron\"}"));
    assertThat(after(Duration.ofMillis(9_999), w)).isEmpty();
    assertThat(after(Duration.ofMillis(1), w)).hasSize(1);
    assertThat(w.last().run().request().inputJson()).isEqualTo("{\"from\":\"cron\"}");
    assertThat(w.last().run().request().metadataJson()).isEqualTo("{\"src\":\"api\"}");
    assertThat(after(Duration.ofSeconds(10), w)).hasSize(1);
    timed.deleteCron(cron.id());
    assertThat(after(Duration.ofMinutes(1), w)).isEmpty();
    assertThat(w.started).hasSize(2);
    assertThat(timed.crons()).isEmpty();
  }

  @Test
  void crons_are_unique_per_workflow_name_and_expression_and_bad_ones_name_the_field() {
    e.simple("c");
    e.simple("d");
    timed.addCron("n", "* * * * *", request("c", "{}"));
    assertThatThrownBy(() -> timed.addCron("n", "* * * * *", request("c", "{}")))
        .hasMessageContaining("cronName = 'n' with cronExpression = '* * * * *' already exists");
    assertThat(timed.addCron("n", "*/2 * * * *", request("c", "{}")).id()).isNotBlank();
    assertThat(timed.addCron("n", "* * * * *", request("d", "{}")).id()).isNotBlank();
    assertThatThrownBy(() -> timed.addCron("", "* * * * *", request("c", "{}"))).hasMessageContaining("cronName = ''");
    assertThatThrownBy(() -> timed.addCron("x", "every minute", request("c", "{}")))
        .hasMessageContaining("cronExpression = 'every minute'");
    assertThatThrownBy(() -> timed.addCron("x", "* * * * *", request("nope", "{}"))).hasMessageContaining("'nope'");
  }

  @Test
  void a_rescheduled_run_starts_at_its_new_time_and_a_started_one_cannot_move() {
    e.simple("r");
    RecordingSink w = e.worker("w", 5, "r:r");
    long now = e.clock.millis();
    ScheduledRuns.Entry s = timed.scheduleEntry(request("r", "{}"), now + 1_000);
    timed.reschedule(s.id(), now + 5_000);
    assertThat(after(Duration.ofSeconds(4), w)).as("not at the old time").isEmpty();
    assertThat(after(Duration.ofSeconds(1), w)).hasSize(1);
    assertThatThrownBy(() -> timed.reschedule(s.id(), now + 60_000)).hasMessageContaining("already been triggered");
  }

  @Test
  void a_disabled_cron_does_not_fire_and_fires_again_once_enabled() {
    e.simple("c");
    RecordingSink w = e.worker("w", 5, "c:c");
    ApiCrons.Entry cron = timed.addCron("each-second", "* * * * * *", request("c", "{}"));
    assertThat(after(Duration.ofSeconds(1), w)).hasSize(1);
    timed.setCronEnabled(cron.id(), false);
    assertThat(timed.cron(cron.id()).enabled()).isFalse();
    assertThat(after(Duration.ofSeconds(5), w)).isEmpty();
    timed.setCronEnabled(cron.id(), true);
    assertThat(after(Duration.ofMillis(999), w)).as("missed fires while disabled are not replayed").isEmpty();
    assertThat(after(Duration.ofMillis(1), w)).hasSize(1);
  }
}
