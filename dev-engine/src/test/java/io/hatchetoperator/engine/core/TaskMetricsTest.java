package io.hatchetoperator.engine.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** task-metrics as Hatchet counts it: runs created in [since, until] of the given workflows, by current status. */
class TaskMetricsTest {

  private final Engines e = new Engines(new EngineTimings(Duration.ofSeconds(5), Duration.ofSeconds(30),
      Duration.ofMinutes(1), Duration.ofHours(1), 200_000));

  @Test
  void counts_runs_created_in_the_window_by_their_current_status_per_workflow() {
    WorkflowDef a = e.simple("a");
    WorkflowDef b = e.simple("b");
    RecordingSink w = e.worker("w", 10, "a:a", "b:b");
    long before = e.clock.millis();
    e.trigger("a", "{}");
    e.clock.advance(Duration.ofSeconds(1));
    long anchor = e.clock.millis();
    e.trigger("a", "{}");
    e.trigger("a", "{}");
    e.trigger("b", "{}");
    e.complete(w.started.get(1), "{}");

    Map<TaskState, Long> onlyA = e.scheduler.taskMetrics(anchor, Long.MAX_VALUE, Set.of(a.id()));
    assertThat(onlyA).containsEntry(TaskState.COMPLETED, 1L).containsEntry(TaskState.RUNNING, 1L);
    assertThat(e.scheduler.taskMetrics(before, Long.MAX_VALUE, Set.of(a.id())).get(TaskState.RUNNING))
        .as("the run created before the anchor counts only in a window that holds it").isEqualTo(2L);
    assertThat(e.scheduler.taskMetrics(anchor, Long.MAX_VALUE, Set.of(b.id())))
        .containsEntry(TaskState.RUNNING, 1L).doesNotContainKey(TaskState.COMPLETED);
    assertThat(e.scheduler.taskMetrics(anchor, anchor - 1, Set.of())).isEmpty();
  }

  @Test
  void a_dag_counts_once_and_finished_runs_still_count_after_the_engine_forgot_them() {
    WorkflowDef dag = e.workflow("dag", Engines.task("dag", "first"), Engines.task("dag", "second", "first"));
    RecordingSink w = e.worker("w", 10, "dag:first", "dag:second");
    long since = e.clock.millis();
    e.trigger("dag", "{}");
    e.complete(w.last(), "{}");
    e.complete(w.last(), "{}");
    assertThat(e.scheduler.taskMetrics(since, Long.MAX_VALUE, Set.of(dag.id())))
        .containsEntry(TaskState.COMPLETED, 1L);

    e.clock.advance(Duration.ofMinutes(2));
    e.scheduler.sweep(); // past the 1 min retention: the run is forgotten
    assertThat(e.scheduler.taskMetrics(since, Long.MAX_VALUE, Set.of(dag.id())))
        .as("the count never goes down when the engine forgets a run").containsEntry(TaskState.COMPLETED, 1L);
    assertThat(e.scheduler.taskMetrics(since, Long.MAX_VALUE, Set.of())).containsEntry(TaskState.COMPLETED, 1L);
    assertThat(e.scheduler.taskMetrics(since + 1, Long.MAX_VALUE, Set.of(dag.id()))).isEmpty();
  }
}
