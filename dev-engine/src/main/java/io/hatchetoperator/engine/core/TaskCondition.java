package io.hatchetoperator.engine.core;

import io.hatchetoperator.proto.v1.BaseMatchCondition;
import io.hatchetoperator.proto.v1.ParentOverrideMatchCondition;
import io.hatchetoperator.proto.v1.SleepMatchCondition;
import io.hatchetoperator.proto.v1.TaskConditions;
import io.hatchetoperator.proto.v1.UserEventMatchCondition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * One condition a DAG task declares ({@code wait_for} → QUEUE, {@code skip_if} → SKIP, {@code cancel_if} → CANCEL),
 * checked as Hatchet's PutWorkflow checks it (internal/services/admin/v1/server.go and
 * CreateStepMatchConditionOpt in pkg/repository/workflow.go): the action is QUEUE, CANCEL or SKIP, the readable
 * data key is required, an empty or-group id gets a fresh UUID (its own group), a sleep's duration must parse.
 *
 * @param parent the parent's readable id of a PARENT condition, else null
 * @param expression the CEL expression ({@code output} = the parent's output, {@code input} = an event's payload);
 *     null when empty, which Hatchet compiles as {@code true} (internal/cel/boolexpr.go)
 */
public record TaskCondition(Kind kind, Action action, String orGroup, String readableKey, CelExpr expression,
    String parent, String sleepFor, long sleepMillis, String eventKey) {

  /** What the condition waits for. */
  public enum Kind { PARENT, SLEEP, USER_EVENT }

  /** What the task does when every or-group of this action is satisfied. */
  public enum Action { QUEUE, CANCEL, SKIP }

  /** The variables a condition's expression may read (Hatchet's BoolExprEvaluator: input and output). */
  static final Set<String> VARS = Set.of("input", "output");

  /** Whether {@code vars} satisfy the expression; an evaluation error is false, as Hatchet logs and skips it. */
  boolean test(Map<String, Object> vars) {
    if (expression == null) {
      return true;
    }
    try {
      return Boolean.TRUE.equals(expression.eval(vars));
    } catch (IllegalStateException e) {
      return false;
    }
  }

  /** This sleep or user-event condition as the durable matcher's condition (no scope, no lookback). */
  DurableCondition asWaitCondition() {
    return new DurableCondition(kind == Kind.SLEEP ? DurableCondition.Kind.SLEEP : DurableCondition.Kind.USER_EVENT,
        readableKey, orGroup, sleepFor, sleepMillis, eventKey, null, expression, null);
  }

  /** Parses and checks the conditions of task {@code where}, whose parents are {@code parents}. */
  static List<TaskCondition> parse(String where, TaskConditions c, List<String> parents) {
    List<TaskCondition> out = new ArrayList<>();
    for (int i = 0; i < c.getParentOverrideConditionsCount(); i++) {
      ParentOverrideMatchCondition p = c.getParentOverrideConditions(i);
      String field = where + " conditions.parent_override_conditions[" + i + "]";
      if (!parents.contains(p.getParentReadableId())) {
        throw EngineException.invalid(field + ".parent_readable_id = '" + p.getParentReadableId() + "' is not a parent"
            + " of the task (parents: " + parents + "); Hatchet applies a parent condition only to a declared parent,"
            + " so add it to parents or name one of them");
      }
      out.add(base(Kind.PARENT, field, p.getBase(), p.getParentReadableId(), p.getParentReadableId(), null, 0, null));
    }
    for (int i = 0; i < c.getSleepConditionsCount(); i++) {
      SleepMatchCondition s = c.getSleepConditions(i);
      String field = where + " conditions.sleep_conditions[" + i + "]";
      long ms = Durations.parse(field + ".sleep_for", s.getSleepFor()).toMillis();
      out.add(base(Kind.SLEEP, field, s.getBase(), s.getBase().getReadableDataKey(), null, s.getSleepFor(), ms, null));
    }
    for (int i = 0; i < c.getUserEventConditionsCount(); i++) {
      UserEventMatchCondition u = c.getUserEventConditions(i);
      String field = where + " conditions.user_event_conditions[" + i + "]";
      if (u.getUserEventKey().isBlank()) {
        throw EngineException.invalid(field + ".user_event_key is empty; name the event key to wait for");
      }
      if (u.hasEventScope() || u.hasConsiderEventsSince()) {
        throw EngineException.invalid(field + " sets " + (u.hasEventScope() ? "event_scope = '" + u.getEventScope()
            + "'" : "consider_events_since") + ": Hatchet drops it for a task's conditions (CreateStepMatchConditionOpt"
            + " has no such field), so the dev engine refuses it rather than ignore it; remove it (scopes and lookback"
            + " apply to durable waits)");
      }
      out.add(base(Kind.USER_EVENT, field, u.getBase(), u.getBase().getReadableDataKey(), null, null, 0,
          u.getUserEventKey()));
    }
    return out;
  }

  private static TaskCondition base(Kind kind, String field, BaseMatchCondition b, String key, String parent,
      String sleepFor, long ms, String eventKey) {
    Action action = switch (b.getAction()) {
      case QUEUE -> Action.QUEUE;
      case CANCEL -> Action.CANCEL;
      case SKIP -> Action.SKIP;
      default -> throw EngineException.invalid(field + ".base.action = " + b.getAction() + " is not an action a task"
          + " condition may take; use QUEUE (wait_for), SKIP (skip_if) or CANCEL (cancel_if)");
    };
    if (key.isBlank()) {
      throw EngineException.invalid(field + ".base.readable_data_key is empty; Hatchet requires it (the key the"
          + " condition's data is stored under), e.g. 'sleep-10s' or the event key");
    }
    String group = b.getOrGroupId().isEmpty() || b.getOrGroupId().equals("00000000-0000-0000-0000-000000000000")
        ? Ids.uuid() : b.getOrGroupId();
    try {
      UUID.fromString(group);
    } catch (IllegalArgumentException e) {
      throw EngineException.invalid(field + ".base.or_group_id = '" + group + "' is not a UUID; give conditions of one"
          + " OR group the same UUID, or leave it empty for a group of its own");
    }
    CelExpr expr;
    try {
      expr = b.getExpression().isBlank() ? null : CelExpr.parse(b.getExpression(), VARS);
    } catch (IllegalArgumentException e) {
      throw EngineException.invalid(field + ".base.expression = '" + b.getExpression() + "': " + e.getMessage());
    }
    return new TaskCondition(kind, action, group, key, expr, parent, sleepFor, ms, eventKey);
  }
}
