package io.hatchetoperator.engine.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The second match of a DAG task with sleep or user-event conditions, created once its parents are done (Hatchet's
 * createAdditionalMatches in pkg/repository/match.go; for a task without parents, at the run's start as in
 * trigger.go): its conditions grouped by action, each action's conditions matched by the durable matcher
 * {@link DurableWait} (or-groups, sleeps on the engine clock from now, events by key and CEL over {@code input}). It
 * resolves when every group of one action is satisfied: SKIP, then CANCEL, then QUEUE. Pure.
 */
final class ConditionWait {

  private final Map<TaskCondition.Action, DurableWait> byAction = new EnumMap<>(TaskCondition.Action.class);

  ConditionWait(List<TaskCondition> conditions, long now) {
    for (TaskCondition.Action a : TaskCondition.Action.values()) {
      List<DurableCondition> mine = new ArrayList<>();
      for (TaskCondition c : conditions) {
        if (c.action() == a && c.kind() != TaskCondition.Kind.PARENT) {
          mine.add(c.asWaitCondition());
        }
      }
      if (!mine.isEmpty()) {
        byAction.put(a, new DurableWait(mine, now));
      }
    }
  }

  /** The clock reached {@code now}; the resolved action, or null. */
  TaskCondition.Action tick(long now) {
    byAction.values().forEach(w -> w.tick(now));
    return resolved();
  }

  /** A user event was pushed; the resolved action, or null. */
  TaskCondition.Action offer(String key, String payloadJson, Map<String, Object> payload) {
    byAction.values().forEach(w -> w.offer(key, null, payloadJson, payload));
    return resolved();
  }

  /** The earliest sleep deadline still open, or Long.MAX_VALUE. */
  long nextDeadline() {
    return byAction.values().stream().mapToLong(DurableWait::nextDeadline).min().orElse(Long.MAX_VALUE);
  }

  private TaskCondition.Action resolved() {
    for (TaskCondition.Action a : List.of(TaskCondition.Action.SKIP, TaskCondition.Action.CANCEL,
        TaskCondition.Action.QUEUE)) {
      DurableWait w = byAction.get(a);
      if (w != null && w.done()) {
        return a;
      }
    }
    return null;
  }

  /**
   * What the task sees as {@code triggers} when QUEUE resolved: the first datum of each readable key of the QUEUE
   * conditions (Hatchet's TriggerDataValue in pkg/repository/match_data.go), as a JSON object.
   */
  String triggers() {
    DurableWait w = byAction.get(TaskCondition.Action.QUEUE);
    ObjectNode out = Json.MAPPER.createObjectNode();
    if (w == null) {
      return out.toString();
    }
    try {
      JsonNode create = Json.MAPPER.readTree(w.result()).get("CREATE");
      for (Iterator<Map.Entry<String, JsonNode>> it = create.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (e.getValue().size() > 0 && e.getValue().get(0).isObject()) {
          out.set(e.getKey(), e.getValue().get(0));
        }
      }
    } catch (java.io.IOException e) {
      throw new IllegalStateException("match data is not JSON: " + e.getMessage(), e);
    }
    return out.toString();
  }
}
