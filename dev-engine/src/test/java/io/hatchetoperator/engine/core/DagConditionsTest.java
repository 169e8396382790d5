package io.hatchetoperator.engine.core;

import static io.hatchetoperator.engine.core.TaskConditionMatchTest.base;
import static io.hatchetoperator.engine.core.TaskConditionMatchTest.parent;
import static org.assertj.core.api.Assertions.assertThat;

import io.hatchetoperator.proto.v1.Action;
import io.hatchetoperator.proto.v1.SleepMatchCondition;
import io.hatchetoperator.proto.v1.TaskConditions;
import io.hatchetoperator.proto.v1.UserEventMatchCondition;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** DAG tasks with wait_for / skip_if / cancel_if on the scheduler, on a hand-moved clock. */
class DagConditionsTest {

  private final Engines e = new Engines();

  private static SleepMatchCondition.Builder sleep(Action a, String d) {
    return SleepMatchCondition.newBuilder().setBase(base(a, "sleep-" + d, "", "")).setSleepFor(d);
  }

  private static UserEventMatchCondition.Builder event(Action a, String key) {
    return UserEventMatchCondition.newBuilder().setBase(base(a, key, "", "")).setUserEventKey(key);
  }

  private String output(String run, String task) {
    return e.scheduler.readRun(run, r -> r.tasks().get(task).output());
  }

  @Test
  void skip_if_on_a_parent_output_skips_the_task_its_sibling_runs_and_its_child_sees_skipped() {
    e.workflow("s", Engines.task("s", "a"),
        Engines.task("s", "b", "a").setConditions(TaskConditions.newBuilder()
            .addParentOverrideConditions(parent(Action.SKIP, "a", "output.n > 5"))),
        Engines.task("s", "c", "a"), Engines.task("s", "d", "b"));
    RecordingSink w = e.worker("w", 10, "s:a", "s:b", "s:c", "s:d");
    String run = e.trigger("s", "{}");
    e.complete(w.last(), "{\"n\":9}");
    assertThat(e.taskState(run, "b")).isEqualTo(TaskState.COMPLETED);
    assertThat(output(run, "b")).isEqualTo("{\"skipped\":true}");
    assertThat(w.started).extracting(t -> t.def().readableId()).containsExactly("a", "c");
    e.complete(w.started.get(1), "{}");
    assertThat(e.taskState(run, "d")).isEqualTo(TaskState.COMPLETED);
    assertThat(output(run, "d")).isEqualTo("{\"skipped\":true}");
    assertThat(e.state(run)).isEqualTo(TaskState.COMPLETED);
  }

  @Test
  void a_child_runs_when_only_some_parents_were_skipped() {
    e.workflow("m", Engines.task("m", "a"),
        Engines.task("m", "b", "a").setConditions(TaskConditions.newBuilder()
            .addParentOverrideConditions(parent(Action.SKIP, "a", "output.n > 5"))),
        Engines.task("m", "c", "a"), Engines.task("m", "d", "b", "c"));
    RecordingSink w = e.worker("w", 10, "m:a", "m:b", "m:c", "m:d");
    String run = e.trigger("m", "{}");
    e.complete(w.last(), "{\"n\":9}");
    e.complete(w.last(), "{\"c\":1}");
    assertThat(w.last().def().readableId()).isEqualTo("d");
    e.complete(w.last(), "{}");
    assertThat(e.state(run)).isEqualTo(TaskState.COMPLETED);
  }

  @Test
  void wait_for_sleep_starts_the_task_only_when_the_sleep_after_its_parent_ended_passed() {
    e.workflow("z", Engines.task("z", "a"),
        Engines.task("z", "b", "a").setConditions(TaskConditions.newBuilder().addSleepConditions(sleep(Action.QUEUE,
            "2s"))));
    RecordingSink w = e.worker("w", 10, "z:a", "z:b");
    e.trigger("z", "{}");
    e.clock.advance(Duration.ofSeconds(5));
    e.scheduler.heartbeat(w.workerId);
    e.complete(w.last(), "{}");
    e.clock.advance(Duration.ofMillis(1999));
    e.scheduler.heartbeat(w.workerId);
    e.scheduler.sweep();
    assertThat(w.started).hasSize(1);
    e.clock.advance(Duration.ofMillis(1));
    e.scheduler.sweep();
    assertThat(w.started).hasSize(2);
    assertThat(w.last().triggers()).isEqualTo("{\"sleep-2s\":{\"sleep_duration\":\"2s\"}}");
  }

  @Test
  void wait_for_a_user_event_on_a_root_task_starts_it_only_after_a_matching_push() {
    e.workflow("ev", Engines.task("ev", "t").setConditions(TaskConditions.newBuilder().addUserEventConditions(
        event(Action.QUEUE, "go").setBase(base(Action.QUEUE, "go", "", "input.ok == true")))));
    RecordingSink w = e.worker("w", 10, "ev:t");
    String run = e.trigger("ev", "{}");
    e.scheduler.durable().eventPushed("other", null, "{\"ok\":true}");
    e.scheduler.durable().eventPushed("go", null, "{\"ok\":false}");
    assertThat(w.started).isEmpty();
    assertThat(e.taskState(run, "t")).isEqualTo(TaskState.PENDING);
    e.scheduler.durable().eventPushed("go", null, "{\"ok\":true}");
    assertThat(w.started).hasSize(1);
  }

  @Test
  void cancel_if_an_event_cancels_the_waiting_task_its_children_and_the_run() {
    e.workflow("c", Engines.task("c", "a"),
        Engines.task("c", "b", "a").setConditions(TaskConditions.newBuilder()
            .addSleepConditions(sleep(Action.QUEUE, "30s")).addUserEventConditions(event(Action.CANCEL, "abort"))),
        Engines.task("c", "d", "b"));
    RecordingSink w = e.worker("w", 10, "c:a", "c:b", "c:d");
    String run = e.trigger("c", "{}");
    e.scheduler.durable().eventPushed("abort", null, "{}");
    e.complete(w.last(), "{}");
    assertThat(e.taskState(run, "b")).isEqualTo(TaskState.PENDING);
    e.scheduler.durable().eventPushed("abort", null, "{}");
    assertThat(e.taskState(run, "b")).isEqualTo(TaskState.CANCELLED);
    assertThat(e.error(run, "b")).contains("cancel_if");
    assertThat(e.taskState(run, "d")).isEqualTo(TaskState.CANCELLED);
    assertThat(e.state(run)).isEqualTo(TaskState.CANCELLED);
    assertThat(w.started).hasSize(1);
  }

  @Test
  void skip_if_a_sleep_wins_over_a_wait_for_event_that_never_comes() {
    e.workflow("k", Engines.task("k", "a"),
        Engines.task("k", "b", "a").setConditions(TaskConditions.newBuilder()
            .addUserEventConditions(event(Action.QUEUE, "proceed")).addSleepConditions(sleep(Action.SKIP, "3s"))));
    RecordingSink w = e.worker("w", 10, "k:a", "k:b");
    String run = e.trigger("k", "{}");
    e.complete(w.last(), "{}");
    e.clock.advance(Duration.ofSeconds(3));
    e.scheduler.sweep();
    assertThat(output(run, "b")).isEqualTo("{\"skipped\":true}");
    assertThat(e.state(run)).isEqualTo(TaskState.COMPLETED);
  }
}
