package io.hatchetoperator.engine.core;

import io.hatchetoperator.proto.v1.DurableEventListenerConditions;
import io.hatchetoperator.proto.v1.SleepMatchCondition;
import io.hatchetoperator.proto.v1.UserEventMatchCondition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One condition of a durable wait, as Hatchet's CreateExternalSignalConditionOpt: a sleep or a user event, in an
 * or-group (conditions of one group are OR'd, groups are AND'ed). A user event matches on key, on scope when the
 * condition has one, and on its CEL expression over {@code input} (the event payload; empty means true).
 *
 * @param sleepFor the sleep's duration as the SDK sent it (Hatchet returns it as {@code sleep_duration})
 * @param sinceMillis consider_events_since (epoch ms) for the lookback, or null
 */
public record DurableCondition(Kind kind, String readableKey, String orGroup, String sleepFor, long sleepMillis,
    String eventKey, String scope, CelExpr expression, Long sinceMillis) {

  /** The condition kinds a durable wait may hold. */
  public enum Kind { SLEEP, USER_EVENT }

  /** The variables a wait's expression may read (Hatchet evaluates it with input = payload, output = empty). */
  static final Set<String> VARS = Set.of("input", "output");

  /** Parses a wait's conditions; {@code scoped} is false for the legacy RegisterDurableEvent (it drops the scope). */
  public static List<DurableCondition> parse(String field, DurableEventListenerConditions c, boolean scoped) {
    List<DurableCondition> out = new ArrayList<>();
    for (int i = 0; i < c.getSleepConditionsCount(); i++) {
      SleepMatchCondition s = c.getSleepConditions(i);
      String where = field + ".sleep_conditions[" + i + "]";
      long ms = Durations.parse(where + ".sleep_for", s.getSleepFor()).toMillis();
      out.add(new DurableCondition(Kind.SLEEP, s.getBase().getReadableDataKey(), group(where, s.getBase().getOrGroupId()),
          s.getSleepFor(), ms, null, null, null, null));
    }
    for (int i = 0; i < c.getUserEventConditionsCount(); i++) {
      UserEventMatchCondition u = c.getUserEventConditions(i);
      String where = field + ".user_event_conditions[" + i + "]";
      if (u.getUserEventKey().isBlank()) {
        throw EngineException.invalid(where + ".user_event_key is empty; name the event key to wait for");
      }
      String text = u.getBase().getExpression();
      CelExpr expr;
      try {
        expr = text.isBlank() ? null : CelExpr.parse(text, VARS);
      } catch (IllegalArgumentException e) {
        throw EngineException.invalid(where + ".base.expression = '" + text + "': " + e.getMessage());
      }
      Long since = u.hasConsiderEventsSince() ? u.getConsiderEventsSince().getSeconds() * 1000
          + u.getConsiderEventsSince().getNanos() / 1_000_000 : null;
      out.add(new DurableCondition(Kind.USER_EVENT, u.getBase().getReadableDataKey(),
          group(where, u.getBase().getOrGroupId()), null, 0, u.getUserEventKey(),
          scoped && u.hasEventScope() ? u.getEventScope() : null, expr, scoped ? since : null));
    }
    if (out.isEmpty()) {
      throw EngineException.invalid(field + " has no sleep or user event condition; a durable wait needs at least one");
    }
    return out;
  }

  private static String group(String where, String id) {
    return Ids.require(where + ".base.or_group_id", id);
  }

  /** Whether a pushed event satisfies this condition (Hatchet's processCELExpressions for USER events). */
  public boolean matches(String key, String eventScope, Map<String, Object> payload) {
    if (kind != Kind.USER_EVENT || !eventKey.equals(key)) {
      return false;
    }
    if (scope != null && !scope.equals(eventScope)) {
      return false;
    }
    if (expression == null) {
      return true;
    }
    try {
      return Boolean.TRUE.equals(expression.eval(Map.of("input", payload, "output", Map.of())));
    } catch (IllegalStateException e) {
      return false;
    }
  }

  /** The part of the wait's idempotency key this condition contributes (Hatchet's createIdempotencyKey fields). */
  String keyPart() {
    return (expression == null ? "" : expression.source()) + "|" + readableKey + "|" + kind + "|"
        + (sleepFor == null ? "" : sleepFor) + "|" + (eventKey == null ? "" : eventKey);
  }
}
