package io.hatchetoperator.engine.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.hatchetoperator.proto.v1.CreateWorkflowVersionRequest;
import io.hatchetoperator.proto.v1.DesiredWorkerLabels;
import io.hatchetoperator.proto.v1.StickyStrategy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Sticky assignment (SOFT, HARD) and per-run desired worker labels on the core. */
class StickyTest {

  private final Engines e = new Engines();

  private void dag(String name, StickyStrategy sticky) {
    e.scheduler.registry().put(CreateWorkflowVersionRequest.newBuilder().setName(name).setSticky(sticky)
        .addTasks(Engines.task(name, "a")).addTasks(Engines.task(name, "b", "a")).build());
  }

  private TaskRun startedIn(RecordingSink w, String runId, String task) {
    return w.started.stream().filter(t -> t.run().id().equals(runId) && t.def().readableId().equals(task))
        .findFirst().orElse(null);
  }

  @Test
  void hard_sticky_keeps_a_run_s_tasks_on_one_worker_and_waits_for_it() {
    dag("h", StickyStrategy.HARD);
    RecordingSink w1 = e.worker("w1", 1, "h:a", "h:b");
    RecordingSink w2 = e.worker("w2", 1, "h:a", "h:b");
    String r1 = e.trigger("h", "{}");
    String r2 = e.trigger("h", "{}");
    RecordingSink first = startedIn(w1, r1, "a") != null ? w1 : w2;
    RecordingSink other = first == w1 ? w2 : w1;
    assertThat(startedIn(other, r2, "a")).isNotNull();
    e.complete(startedIn(first, r1, "a"), "{}");
    assertThat(startedIn(first, r1, "b")).as("b follows a to its worker").isNotNull();
    e.complete(startedIn(other, r2, "a"), "{}");
    assertThat(startedIn(other, r2, "b")).isNotNull();
    String r3 = e.trigger("h", "{}");
    assertThat(w1.started.size() + w2.started.size()).as("both workers are full").isEqualTo(4);
    e.complete(startedIn(first, r1, "b"), "{}");
    TaskRun a3 = startedIn(first, r3, "a");
    e.complete(a3, "{}");
    assertThat(startedIn(first, r3, "b")).isNotNull();
    assertThat(startedIn(other, r3, "b")).isNull();
  }

  @Test
  void soft_sticky_prefers_the_worker_but_moves_when_it_is_full() {
    dag("s", StickyStrategy.SOFT);
    RecordingSink w1 = e.worker("w1", 1, "s:a", "s:b");
    String r1 = e.trigger("s", "{}");
    RecordingSink w2 = e.worker("w2", 1, "s:a", "s:b");
    String r2 = e.trigger("s", "{}");
    assertThat(startedIn(w2, r2, "a")).isNotNull();
    e.complete(startedIn(w2, r2, "a"), "{}");
    assertThat(startedIn(w2, r2, "b")).isNotNull();
    e.complete(startedIn(w1, r1, "a"), "{}");
    assertThat(startedIn(w1, r1, "b")).isNotNull();
    assertThat(w2.started).hasSize(2);
  }

  @Test
  void a_sticky_child_run_starts_on_the_worker_the_trigger_names_and_others_ignore_it() {
    dag("c", StickyStrategy.HARD);
    e.simple("plain");
    RecordingSink w1 = e.worker("w1", 5, "c:a", "c:b", "plain:plain");
    RecordingSink w2 = e.worker("w2", 5, "c:a", "c:b", "plain:plain");
    for (int i = 0; i < 4; i++) {
      e.scheduler.trigger(new TriggerRequest("c", "{}", "{}", null, null, null, null, null, null, null, w2.workerId,
          null));
    }
    assertThat(w2.started).hasSize(4);
    assertThat(w1.started).isEmpty();
    for (int i = 0; i < 4; i++) {
      e.scheduler.trigger(new TriggerRequest("plain", "{}", "{}", null, null, null, null, null, null, null,
          w2.workerId, null));
    }
    assertThat(w1.started).as("desired_worker_id is ignored without sticky, as in Hatchet").isNotEmpty();
  }

  @Test
  void per_run_labels_replace_the_task_s_labels() {
    e.workflow("lab", Engines.task("lab", "lab").putWorkerLabels("gpu", DesiredWorkerLabels.newBuilder()
        .setStrValue("a100").setRequired(true).build()));
    RecordingSink gpu = e.labelled("gpu", Map.of("gpu", "a100"), "lab:lab");
    RecordingSink eu = e.labelled("eu", Map.of("region", "eu"), "lab:lab");
    e.trigger("lab", "{}");
    assertThat(gpu.started).hasSize(1);
    List<LabelRule> euOnly = LabelRule.of(Map.of("region", DesiredWorkerLabels.newBuilder().setStrValue("eu")
        .setRequired(true).build()));
    for (int i = 0; i < 3; i++) {
      e.scheduler.trigger(new TriggerRequest("lab", "{}", "{}", null, null, null, null, null, null, null, null,
          euOnly));
    }
    assertThat(eu.started).hasSize(3);
    assertThat(gpu.started).hasSize(1);
  }
}
