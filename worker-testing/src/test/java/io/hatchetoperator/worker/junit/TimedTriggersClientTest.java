package io.hatchetoperator.worker.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.hatchetoperator.worker.EngineRejectedException;
import io.hatchetoperator.worker.RunOptions;
import io.hatchetoperator.worker.TaskRef;
import io.hatchetoperator.worker.client.TimedTriggersClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The Java client creates and deletes crons and lists and deletes schedules over REST, on the engine's clock. */
@ExtendWith(DevEngineExtension.class)
class TimedTriggersClientTest {
  record Job(String label) {}
  record Done(String label) {}

  @Test
  void aCronMadeFromTheClientFiresOnItsExpressionUntilDeleted(HatchetTestEngine env) {
    List<String> seen = new CopyOnWriteArrayList<>();
    TaskRef<Job, Done> ticked = env.hatchet().task("ticked", Job.class, Done.class, (job, ctx) -> {
      seen.add(job.label() + "/" + ctx.additionalMetadata().getOrDefault("team", "-"));
      return new Done(job.label());
    });
    env.startWorker("ticked", 2, ticked);
    TimedTriggersClient triggers = env.hatchet().timedTriggers();
    TimedTriggersClient.Cron cron = triggers.createCron("ticked", "every-10s", "*/10 * * * * *", new Job("cron"),
        RunOptions.priority(2).withMetadata("team", "ops"));
    assertThat(cron.expression()).isEqualTo("*/10 * * * * *");
    assertThat(triggers.crons("ticked")).extracting(TimedTriggersClient.Cron::id).containsExactly(cron.id());
    env.advance(Duration.ofSeconds(9));
    await().during(Duration.ofMillis(100)).atMost(Duration.ofSeconds(5)).until(seen::isEmpty);
    env.advance(Duration.ofSeconds(1));
    await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() == 1);
    assertThat(seen).containsExactly("cron/ops");
    triggers.deleteCron(cron.id());
    assertThat(triggers.crons("ticked")).isEmpty();
    env.advance(Duration.ofMinutes(1));
    await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(5)).until(() -> seen.size() == 1);
    assertThatThrownBy(() -> triggers.createCron("ticked", "bad", "every minute", new Job("x"), RunOptions.NONE))
        .isInstanceOfSatisfying(EngineRejectedException.class, e -> assertThat(e.reason()).isEqualTo("INVALID_ARGUMENT"))
        .hasMessageContaining("cronExpression = 'every minute'");
  }

  @Test
  void aScheduleListedByTheClientAndDeletedNeverRuns(HatchetTestEngine env) {
    List<String> seen = new CopyOnWriteArrayList<>();
    TaskRef<Job, Done> later = env.hatchet().task("later", Job.class, Done.class, (job, ctx) -> {
      seen.add(job.label());
      return new Done(job.label());
    });
    env.startWorker("later", 2, later);
    String kept = later.schedule(env.clock().instant().plus(Duration.ofMinutes(5)), new Job("kept"));
    String dropped = later.schedule(env.clock().instant().plus(Duration.ofMinutes(5)), new Job("dropped"));
    TimedTriggersClient triggers = env.hatchet().timedTriggers();
    assertThat(triggers.schedules("later")).extracting(TimedTriggersClient.Scheduled::id)
        .containsExactlyInAnyOrder(kept, dropped);
    triggers.deleteSchedule(dropped);
    env.advance(Duration.ofMinutes(5));
    await().atMost(Duration.ofSeconds(10)).until(() -> seen.contains("kept"));
    await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(5)).until(() -> seen.size() == 1);
    assertThat(triggers.schedules("later")).singleElement().satisfies(s -> {
      assertThat(s.id()).isEqualTo(kept);
      assertThat(s.runId()).isNotBlank();
    });
    assertThatThrownBy(() -> triggers.deleteSchedule(dropped))
        .isInstanceOfSatisfying(EngineRejectedException.class, e -> assertThat(e.reason()).isEqualTo("NOT_FOUND"));
  }
}
