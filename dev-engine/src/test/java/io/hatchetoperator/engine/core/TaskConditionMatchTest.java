package io.hatchetoperator.engine.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hatchetoperator.proto.v1.Action;
import io.hatchetoperator.proto.v1.BaseMatchCondition;
import io.hatchetoperator.proto.v1.ParentOverrideMatchCondition;
import io.hatchetoperator.proto.v1.SleepMatchCondition;
import io.hatchetoperator.proto.v1.TaskConditions;
import io.hatchetoperator.proto.v1.UserEventMatchCondition;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Pure: parsing task conditions, the parent match (Hatchet's getParentInDAGGroupMatch) and the condition wait. */
class TaskConditionMatchTest {

  static BaseMatchCondition base(Action a, String key, String group, String expr) {
    return BaseMatchCondition.newBuilder().setAction(a).setReadableDataKey(key).setOrGroupId(group)
        .setExpression(expr).build();
  }

  static ParentOverrideMatchCondition parent(Action a, String parent, String expr) {
    return ParentOverrideMatchCondition.newBuilder().setBase(base(a, parent, "", expr)).setParentReadableId(parent)
        .build();
  }

  static List<TaskCondition> parse(TaskConditions c, String... parents) {
    return TaskCondition.parse("tasks[1] ('t') of workflow 'w'", c, List.of(parents));
  }

  @Test
  void default_match_queues_when_all_parents_complete_and_skips_when_all_were_skipped() {
    ParentMatch m = new ParentMatch(List.of("a", "b"), List.of());
    assertThat(m.parentEnded("a", TaskState.COMPLETED, "{\"x\":1}")).isNull();
    assertThat(m.parentEnded("b", TaskState.COMPLETED, "{\"skipped\":true}")).isEqualTo(ParentMatch.Outcome.QUEUE);
    ParentMatch all = new ParentMatch(List.of("a", "b"), List.of());
    all.parentEnded("a", TaskState.COMPLETED, "{\"skipped\":true}");
    assertThat(all.parentEnded("b", TaskState.COMPLETED, "{\"skipped\":true}")).isEqualTo(ParentMatch.Outcome.SKIP);
    ParentMatch failed = new ParentMatch(List.of("a", "b"), List.of());
    assertThat(failed.parentEnded("b", TaskState.FAILED, null)).isEqualTo(ParentMatch.Outcome.CANCEL);
  }

  @Test
  void a_skip_override_on_one_parent_skips_as_soon_as_that_parent_matches() {
    List<TaskCondition> c = parse(TaskConditions.newBuilder()
        .addParentOverrideConditions(parent(Action.SKIP, "a", "output.n > 50")).build(), "a", "b");
    ParentMatch high = new ParentMatch(List.of("a", "b"), c);
    assertThat(high.parentEnded("a", TaskState.COMPLETED, "{\"n\":80}")).isEqualTo(ParentMatch.Outcome.SKIP);
    ParentMatch low = new ParentMatch(List.of("a", "b"), c);
    assertThat(low.parentEnded("a", TaskState.COMPLETED, "{\"n\":20}")).isNull();
    assertThat(low.parentEnded("b", TaskState.COMPLETED, "{\"skipped\":true}")).isEqualTo(ParentMatch.Outcome.QUEUE);
  }

  @Test
  void cancel_and_queue_overrides_and_waits_turn_parent_completion_into_create_match() {
    List<TaskCondition> cancel = parse(TaskConditions.newBuilder()
        .addParentOverrideConditions(parent(Action.CANCEL, "a", "output.n > 1")).build(), "a");
    assertThat(new ParentMatch(List.of("a"), cancel).parentEnded("a", TaskState.COMPLETED, "{\"n\":2}"))
        .isEqualTo(ParentMatch.Outcome.CANCEL);
    assertThat(new ParentMatch(List.of("a"), cancel).parentEnded("a", TaskState.COMPLETED, "{\"n\":1}"))
        .isEqualTo(ParentMatch.Outcome.QUEUE);
    List<TaskCondition> queue = parse(TaskConditions.newBuilder()
        .addParentOverrideConditions(parent(Action.QUEUE, "a", "output.ok == true")).build(), "a");
    assertThat(new ParentMatch(List.of("a"), queue).parentEnded("a", TaskState.COMPLETED, "{\"ok\":false}")).isNull();
    List<TaskCondition> sleep = parse(TaskConditions.newBuilder().addSleepConditions(SleepMatchCondition.newBuilder()
        .setBase(base(Action.QUEUE, "sleep-2s", "", "")).setSleepFor("2s")).build(), "a");
    assertThat(new ParentMatch(List.of("a"), sleep).parentEnded("a", TaskState.COMPLETED, "{}"))
        .isEqualTo(ParentMatch.Outcome.CREATE_MATCH);
  }

  @Test
  void the_wait_resolves_skip_before_cancel_before_queue_with_or_groups() {
    String g = Ids.uuid();
    List<TaskCondition> c = parse(TaskConditions.newBuilder()
        .addSleepConditions(SleepMatchCondition.newBuilder().setBase(base(Action.QUEUE, "sleep-10s", g, ""))
            .setSleepFor("10s"))
        .addUserEventConditions(UserEventMatchCondition.newBuilder().setBase(base(Action.QUEUE, "go", g, ""))
            .setUserEventKey("go"))
        .addUserEventConditions(UserEventMatchCondition.newBuilder()
            .setBase(base(Action.SKIP, "skip", "", "input.really == true")).setUserEventKey("skip"))
        .build(), "a");
    ConditionWait w = new ConditionWait(c, 1_000);
    assertThat(w.tick(10_999)).isNull();
    assertThat(w.offer("skip", "{\"really\":false}", Map.of("really", false))).isNull();
    assertThat(w.offer("go", "{\"id\":7}", Map.of("id", 7))).isEqualTo(TaskCondition.Action.QUEUE);
    assertThat(w.triggers()).isEqualTo("{\"go\":{\"id\":7}}");
    ConditionWait skipped = new ConditionWait(c, 1_000);
    assertThat(skipped.offer("skip", "{\"really\":true}", Map.of("really", true))).isEqualTo(TaskCondition.Action.SKIP);
    ConditionWait slept = new ConditionWait(c, 1_000);
    assertThat(slept.nextDeadline()).isEqualTo(11_000);
    assertThat(slept.tick(11_000)).isEqualTo(TaskCondition.Action.QUEUE);
    assertThat(slept.triggers()).isEqualTo("{\"sleep-10s\":{\"sleep_duration\":\"10s\"}}");
  }

  @Test
  void bad_conditions_are_refused_naming_the_field_the_value_and_the_fix() {
    assertThatThrownBy(() -> parse(TaskConditions.newBuilder()
        .addParentOverrideConditions(parent(Action.SKIP, "zz", "true")).build(), "a"))
        .hasMessageContaining("parent_override_conditions[0].parent_readable_id = 'zz' is not a parent");
    assertThatThrownBy(() -> parse(TaskConditions.newBuilder().addSleepConditions(SleepMatchCondition.newBuilder()
        .setBase(base(Action.CREATE, "k", "", "")).setSleepFor("1s")).build(), "a"))
        .hasMessageContaining("sleep_conditions[0].base.action = CREATE").hasMessageContaining("use QUEUE");
    assertThatThrownBy(() -> parse(TaskConditions.newBuilder().addSleepConditions(SleepMatchCondition.newBuilder()
        .setBase(base(Action.QUEUE, "k", "not-a-uuid", "")).setSleepFor("1s")).build(), "a"))
        .hasMessageContaining("or_group_id = 'not-a-uuid' is not a UUID");
    assertThatThrownBy(() -> parse(TaskConditions.newBuilder().addUserEventConditions(UserEventMatchCondition
        .newBuilder().setBase(base(Action.QUEUE, "e", "", "")).setUserEventKey("e").setEventScope("s")).build(), "a"))
        .hasMessageContaining("event_scope = 's'").hasMessageContaining("remove it");
    assertThatThrownBy(() -> parse(TaskConditions.newBuilder()
        .addParentOverrideConditions(parent(Action.SKIP, "a", "has(output.x)")).build(), "a"))
        .hasMessageContaining("parent_override_conditions[0].base.expression = 'has(output.x)'");
  }
}
