package io.hatchetoperator.worker;

import java.time.Duration;
import java.util.List;

/**
 * A condition a DAG task waits on ({@link TaskOptions.Builder#waitFor}), is skipped on ({@link
 * TaskOptions.Builder#skipIf}) or is cancelled on ({@link TaskOptions.Builder#cancelIf}): a sleep that starts when the
 * task's parents are done, a user event (with an optional CEL expression over its payload, {@code input}), a parent's
 * output (a CEL expression over {@code output}), or an {@link Or} of them. Conditions not in one {@code Or} must all
 * hold; as in the TypeScript SDK's {@code v1/conditions}.
 */
public sealed interface Condition permits Condition.Sleep, Condition.UserEvent, Condition.Parent, Condition.Or {

  /** Holds once {@code duration} has passed since the task's parents were done (whole seconds, rounded up). */
  record Sleep(Duration duration, String readableDataKey) implements Condition {
    public Sleep {
      if (duration == null || duration.isNegative()) {
        throw new IllegalArgumentException("Condition.sleep duration=" + duration + " is negative or null: pass"
            + " Duration.ZERO or more");
      }
    }
  }

  /** Holds when an event {@code eventKey} is pushed whose payload satisfies {@code expression} (empty: any). */
  record UserEvent(String eventKey, String expression, String readableDataKey) implements Condition {
    public UserEvent {
      if (eventKey == null || eventKey.isBlank()) {
        throw new IllegalArgumentException("Condition.event eventKey is empty: name the event key to wait for");
      }
      expression = expression == null ? "" : expression;
    }
  }

  /** Holds when parent task {@code parent} completes with an output satisfying {@code expression}. */
  record Parent(String parent, String expression, String readableDataKey) implements Condition {
    public Parent {
      if (parent == null || parent.isBlank()) {
        throw new IllegalArgumentException("Condition.parent parent is empty: name one of the task's parents");
      }
      expression = expression == null ? "" : expression;
    }
  }

  /** Holds when any of {@code conditions} holds (one OR group); they may not be {@code Or}s themselves. */
  record Or(List<Condition> conditions) implements Condition {
    public Or {
      conditions = List.copyOf(conditions);
      if (conditions.isEmpty() || conditions.stream().anyMatch(c -> c instanceof Or)) {
        throw new IllegalArgumentException("Condition.or takes one or more sleep, event or parent conditions, not"
            + " an empty list or another or(...): got " + conditions);
      }
    }
  }

  /** A sleep; its data key is {@code sleep-<duration>} as in the TypeScript SDK. */
  static Sleep sleep(Duration duration) {
    return new Sleep(duration, null);
  }

  /** Any event with this key; its data key is the key. */
  static UserEvent event(String eventKey) {
    return new UserEvent(eventKey, "", null);
  }

  /** An event with this key whose payload ({@code input}) satisfies the CEL expression. */
  static UserEvent event(String eventKey, String expression) {
    return new UserEvent(eventKey, expression, null);
  }

  /** The parent's output ({@code output}) satisfies the CEL expression, e.g. {@code "output.amount > 100"}. */
  static Parent parent(TaskRef<?, ?> parent, String expression) {
    return new Parent(parent.name(), expression, null);
  }

  /** As {@link #parent(TaskRef, String)}, by the parent's task name. */
  static Parent parent(String parentName, String expression) {
    return new Parent(parentName, expression, null);
  }

  /** One OR group: holds when any of these holds. */
  static Or or(Condition... conditions) {
    return new Or(List.of(conditions));
  }
}
