package io.hatchetoperator.engine.core;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The match of one durable wait: its conditions, the sleeps' deadlines (fixed when the wait was first recorded, so a
 * replay keeps them) and what satisfied each condition. Satisfied when every or-group has a satisfied condition;
 * the result is Hatchet's aggregated match data {@code {"CREATE": {"<readable key>": [data, ...]}}}.
 */
final class DurableWait {

  private final List<DurableCondition> conditions;
  private final long[] deadlines;
  /** Condition index to the JSON that satisfied it (a sleep's {sleep_duration}, an event's payload). */
  private final Map<Integer, String> satisfied = new LinkedHashMap<>();

  DurableWait(List<DurableCondition> conditions, long createdAtMillis) {
    this.conditions = List.copyOf(conditions);
    this.deadlines = new long[conditions.size()];
    for (int i = 0; i < deadlines.length; i++) {
      DurableCondition c = conditions.get(i);
      deadlines[i] = c.kind() == DurableCondition.Kind.SLEEP ? createdAtMillis + c.sleepMillis() : Long.MAX_VALUE;
    }
  }

  List<DurableCondition> conditions() {
    return conditions;
  }

  /** The earliest deadline of a sleep not yet satisfied, or Long.MAX_VALUE. */
  long nextDeadline() {
    long next = Long.MAX_VALUE;
    for (int i = 0; i < deadlines.length; i++) {
      if (!satisfied.containsKey(i)) {
        next = Math.min(next, deadlines[i]);
      }
    }
    return next;
  }

  /** Marks the sleeps whose deadline passed; true when the wait is now satisfied. */
  boolean tick(long now) {
    for (int i = 0; i < deadlines.length; i++) {
      if (!satisfied.containsKey(i) && now >= deadlines[i]) {
        satisfied.put(i, "{\"sleep_duration\":" + Json.quote(conditions.get(i).sleepFor()) + "}");
      }
    }
    return done();
  }

  /** Offers a pushed user event; true when the wait is now satisfied. */
  boolean offer(String key, String scope, String payloadJson, Map<String, Object> payload) {
    for (int i = 0; i < conditions.size(); i++) {
      if (!satisfied.containsKey(i) && conditions.get(i).matches(key, scope, payload)) {
        satisfied.put(i, payloadJson);
      }
    }
    return done();
  }

  /** True when every or-group has a satisfied condition (Hatchet: satisfied_create_groups = total_create_groups). */
  boolean done() {
    Set<String> groups = new LinkedHashSet<>();
    Set<String> met = new LinkedHashSet<>();
    for (int i = 0; i < conditions.size(); i++) {
      groups.add(conditions.get(i).orGroup());
      if (satisfied.containsKey(i)) {
        met.add(conditions.get(i).orGroup());
      }
    }
    return met.size() == groups.size();
  }

  /** Hatchet's aggregated data of the satisfied conditions, keyed by readable data key (data kept as sent). */
  String result() {
    Map<String, StringBuilder> byKey = new LinkedHashMap<>();
    for (Map.Entry<Integer, String> e : satisfied.entrySet()) {
      StringBuilder list = byKey.computeIfAbsent(conditions.get(e.getKey()).readableKey(), k -> new StringBuilder());
      list.append(list.length() == 0 ? "" : ",").append(e.getValue());
    }
    StringBuilder out = new StringBuilder("{\"CREATE\":{");
    String sep = "";
    for (Map.Entry<String, StringBuilder> e : byKey.entrySet()) {
      out.append(sep).append(Json.quote(e.getKey())).append(":[").append(e.getValue()).append(']');
      sep = ",";
    }
    return out.append("}}").toString();
  }
}
