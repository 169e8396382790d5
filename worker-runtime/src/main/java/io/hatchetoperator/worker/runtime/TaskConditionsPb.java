package io.hatchetoperator.worker.runtime;

import io.hatchetoperator.proto.v1.Action;
import io.hatchetoperator.proto.v1.BaseMatchCondition;
import io.hatchetoperator.proto.v1.ParentOverrideMatchCondition;
import io.hatchetoperator.proto.v1.SleepMatchCondition;
import io.hatchetoperator.proto.v1.TaskConditions;
import io.hatchetoperator.proto.v1.UserEventMatchCondition;
import io.hatchetoperator.worker.Condition;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * A task's conditions as PutWorkflow's {@code CreateTaskOpts.conditions}, rendered as the TypeScript SDK 1.33.2 does
 * ({@code taskConditionsToPb} in {@code v1/conditions/transformer.js}): waitFor → QUEUE, cancelIf → CANCEL,
 * skipIf → SKIP; each {@code Or} one random UUID or-group, each other condition a group of its own; data keys
 * {@code sleep-<duration>}, the event key (before the namespace), {@code parent-<name>}. Pure.
 */
final class TaskConditionsPb {

  private TaskConditionsPb() {}

  /** The proto of {@code c}; {@code namespaced} prefixes event keys, {@code groupIds} makes or-group UUIDs. */
  static TaskConditions render(io.hatchetoperator.worker.TaskConditions c, UnaryOperator<String> namespaced,
      Supplier<String> groupIds) {
    TaskConditions.Builder out = TaskConditions.newBuilder();
    add(out, Action.QUEUE, c.waitFor(), namespaced, groupIds);
    add(out, Action.CANCEL, c.cancelIf(), namespaced, groupIds);
    add(out, Action.SKIP, c.skipIf(), namespaced, groupIds);
    return out.build();
  }

  private static void add(TaskConditions.Builder out, Action action, List<Condition> conditions,
      UnaryOperator<String> namespaced, Supplier<String> groupIds) {
    for (Condition c : conditions) {
      if (c instanceof Condition.Or or) {
        String group = groupIds.get();
        or.conditions().forEach(inner -> one(out, action, inner, group, namespaced));
      } else {
        one(out, action, c, groupIds.get(), namespaced);
      }
    }
  }

  private static void one(TaskConditions.Builder out, Action action, Condition c, String group,
      UnaryOperator<String> namespaced) {
    if (c instanceof Condition.Sleep s) {
      String text = DurableConditions.goDuration(s.duration());
      out.addSleepConditions(SleepMatchCondition.newBuilder()
          .setBase(base(action, s.readableDataKey() != null ? s.readableDataKey() : "sleep-" + text, group, ""))
          .setSleepFor(text));
    } else if (c instanceof Condition.UserEvent e) {
      out.addUserEventConditions(UserEventMatchCondition.newBuilder()
          .setBase(base(action, e.readableDataKey() != null ? e.readableDataKey() : e.eventKey(), group,
              e.expression()))
          .setUserEventKey(namespaced.apply(e.eventKey())));
    } else if (c instanceof Condition.Parent p) {
      out.addParentOverrideConditions(ParentOverrideMatchCondition.newBuilder()
          .setBase(base(action, p.readableDataKey() != null ? p.readableDataKey() : "parent-" + p.parent(), group,
              p.expression()))
          .setParentReadableId(p.parent()));
    } else {
      throw new IllegalArgumentException("or(...) inside or(...) is not a condition of its own: " + c);
    }
  }

  private static BaseMatchCondition base(Action action, String key, String group, String expression) {
    return BaseMatchCondition.newBuilder().setAction(action).setReadableDataKey(key).setOrGroupId(group)
        .setExpression(expression).build();
  }
}
