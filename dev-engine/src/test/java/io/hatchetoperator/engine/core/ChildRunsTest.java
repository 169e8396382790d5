package io.hatchetoperator.engine.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Child runs (one per parent task and child key, or index, as Hatchet dedupes them) and release slot. */
class ChildRunsTest {

  private final Engines e = new Engines();

  private static TriggerRequest child(String parentTask, Integer index, String key) {
    return new TriggerRequest("child", "{}", "{}", null, "parent-run", parentTask, index, key, null, null);
  }

  @Test
  void the_same_child_key_returns_the_first_run_and_other_keys_start_new_runs() {
    e.simple("parent");
    e.simple("child");
    RecordingSink w = e.worker("w", 10, "parent:parent", "child:child");
    e.trigger("parent", "{}");
    String parentTask = w.last().externalId();
    String first = e.scheduler.trigger(child(parentTask, 0, "a"));
    assertThat(e.scheduler.trigger(child(parentTask, 1, "a"))).isEqualTo(first);
    String byIndex = e.scheduler.trigger(child(parentTask, 1, null));
    assertThat(byIndex).isNotEqualTo(first);
    assertThat(e.scheduler.trigger(child(parentTask, 1, null))).isEqualTo(byIndex);
    assertThat(e.scheduler.trigger(child(parentTask, 2, "b"))).isNotIn(first, byIndex);
    assertThat(w.started).hasSize(4); // the parent and three distinct children
    assertThat(w.last().run().request().parentTaskId()).isEqualTo(parentTask);
  }

  @Test
  void release_slot_lets_a_queued_task_start_while_the_first_keeps_running_and_completes() {
    e.simple("long");
    RecordingSink w = e.worker("w", 1, "long:long");
    e.trigger("long", "{}");
    String second = e.trigger("long", "{}");
    assertThat(w.started).hasSize(1);
    TaskRun first = w.last();
    e.scheduler.releaseSlot(first.externalId());
    assertThat(w.started).hasSize(2);
    assertThat(w.last().run().id()).isEqualTo(second);
    e.complete(first, "{\"done\":true}");
    assertThat(e.state(first.run().id())).isEqualTo(TaskState.COMPLETED);
  }
}
