package io.hatchetoperator.worker.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hatchetoperator.proto.v1.Action;
import io.hatchetoperator.proto.v1.TaskConditions;
import io.hatchetoperator.worker.Condition;
import io.hatchetoperator.worker.TaskOptions;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Task conditions rendered into CreateTaskOpts.conditions as the TypeScript SDK's taskConditionsToPb does. */
class TaskConditionsPbTest {

  private static TaskConditions render(TaskOptions o) {
    AtomicInteger n = new AtomicInteger();
    return TaskConditionsPb.render(o.conditions(), k -> "ns_" + k, () -> "group-" + n.incrementAndGet());
  }

  @Test
  void waitForSkipIfAndCancelIfBecomeQueueSkipAndCancelWithTheTsSdksDataKeys() {
    TaskConditions pb = render(TaskOptions.builder().parents("charge")
        .waitFor(Condition.sleep(Duration.ofSeconds(90)))
        .skipIf(Condition.parent("charge", "output.cents > 100"))
        .cancelIf(Condition.event("order:void", "input.id == 'o-1'"))
        .build());
    assertThat(pb.getSleepConditions(0).getSleepFor()).isEqualTo("1m30s");
    assertThat(pb.getSleepConditions(0).getBase().getReadableDataKey()).isEqualTo("sleep-1m30s");
    assertThat(pb.getSleepConditions(0).getBase().getAction()).isEqualTo(Action.QUEUE);
    assertThat(pb.getParentOverrideConditions(0).getParentReadableId()).isEqualTo("charge");
    assertThat(pb.getParentOverrideConditions(0).getBase().getReadableDataKey()).isEqualTo("parent-charge");
    assertThat(pb.getParentOverrideConditions(0).getBase().getAction()).isEqualTo(Action.SKIP);
    assertThat(pb.getParentOverrideConditions(0).getBase().getExpression()).isEqualTo("output.cents > 100");
    assertThat(pb.getUserEventConditions(0).getUserEventKey()).isEqualTo("ns_order:void");
    assertThat(pb.getUserEventConditions(0).getBase().getReadableDataKey()).isEqualTo("order:void");
    assertThat(pb.getUserEventConditions(0).getBase().getAction()).isEqualTo(Action.CANCEL);
    assertThat(pb.getUserEventConditions(0).hasEventScope()).isFalse();
  }

  @Test
  void anOrSharesOneGroupAndEveryOtherConditionHasItsOwn() {
    TaskConditions pb = render(TaskOptions.builder()
        .waitFor(Condition.or(Condition.event("paid"), Condition.sleep(Duration.ofMinutes(1))),
            Condition.event("shipped"))
        .build());
    String orGroup = pb.getUserEventConditions(0).getBase().getOrGroupId();
    assertThat(pb.getSleepConditions(0).getBase().getOrGroupId()).isEqualTo(orGroup);
    assertThat(pb.getUserEventConditions(1).getBase().getOrGroupId()).isNotEqualTo(orGroup);
  }

  @Test
  void badConditionsFailWhenDeclaredNamingTheFix() {
    assertThatThrownBy(() -> TaskOptions.builder().parents("a").skipIf(Condition.parent("b", "true")).build())
        .hasMessageContaining("condition on parent 'b' names a task that is not a parent").hasMessageContaining("[a]");
    assertThatThrownBy(() -> Condition.or(Condition.or(Condition.event("x"))))
        .hasMessageContaining("not an empty list or another or(...)");
    assertThatThrownBy(() -> Condition.sleep(Duration.ofSeconds(-1))).hasMessageContaining("negative");
    assertThatThrownBy(() -> Condition.event(" ")).hasMessageContaining("eventKey is empty");
  }
}
