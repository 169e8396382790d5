package io.hatchetoperator.engine.core;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The match a DAG task with conditions waits on while its parents run, built as Hatchet's getParentInDAGGroupMatch
 * builds it (pkg/repository/trigger.go): per parent, a COMPLETED condition that queues the task (or, when the task
 * also has sleep or user-event conditions, starts waiting for them: CREATE_MATCH) in its own group unless QUEUE
 * overrides replace it; a SKIP condition on {@code output.skipped} unless some parent has SKIP overrides; FAILED and
 * CANCELLED conditions in one shared cancel group (plus CANCEL overrides on COMPLETED in their own groups). The match
 * resolves when every or-group of one action is satisfied, SKIP before CANCEL before QUEUE before CREATE_MATCH
 * (SaveSatisfiedMatchConditions in pkg/repository/sqlcv1/matches.sql). Pure.
 */
final class ParentMatch {

  /** What a resolved match does with the task. */
  enum Outcome { SKIP, CANCEL, QUEUE, CREATE_MATCH }

  /** One condition: an end state of one parent, an expression over its output, in an or-group of an action. */
  private record Cond(Outcome action, String group, String parent, TaskState end, TaskCondition user,
      boolean onSkipped) {}

  private final List<Cond> conds = new ArrayList<>();
  private final Set<Cond> satisfied = new LinkedHashSet<>();

  /** The match of a task with {@code parents} and its declared {@code conditions}. */
  ParentMatch(List<String> parents, List<TaskCondition> conditions) {
    boolean waits = conditions.stream().anyMatch(c -> c.kind() != TaskCondition.Kind.PARENT);
    boolean anySkipOverride = conditions.stream()
        .anyMatch(c -> c.kind() == TaskCondition.Kind.PARENT && c.action() == TaskCondition.Action.SKIP);
    Outcome complete = waits ? Outcome.CREATE_MATCH : Outcome.QUEUE;
    String cancelGroup = Ids.uuid();
    for (String p : parents) {
      List<TaskCondition> mine = conditions.stream()
          .filter(c -> c.kind() == TaskCondition.Kind.PARENT && p.equals(c.parent())).toList();
      List<TaskCondition> queue = of(mine, TaskCondition.Action.QUEUE);
      List<TaskCondition> skip = of(mine, TaskCondition.Action.SKIP);
      List<TaskCondition> cancel = of(mine, TaskCondition.Action.CANCEL);
      if (queue.isEmpty()) {
        conds.add(new Cond(complete, Ids.uuid(), p, TaskState.COMPLETED, null, false));
      }
      queue.forEach(c -> conds.add(new Cond(complete, c.orGroup(), p, TaskState.COMPLETED, c, false)));
      if (!skip.isEmpty()) {
        skip.forEach(c -> conds.add(new Cond(Outcome.SKIP, c.orGroup(), p, TaskState.COMPLETED, c, false)));
      } else if (!anySkipOverride) {
        conds.add(new Cond(Outcome.SKIP, Ids.uuid(), p, TaskState.COMPLETED, null, true));
      }
      for (TaskCondition c : cancel) {
        conds.add(new Cond(Outcome.CANCEL, c.orGroup(), p, TaskState.COMPLETED, c, false));
        conds.add(new Cond(Outcome.CANCEL, c.orGroup(), p, TaskState.FAILED, null, false));
        conds.add(new Cond(Outcome.CANCEL, c.orGroup(), p, TaskState.CANCELLED, null, false));
      }
      if (cancel.isEmpty()) {
        conds.add(new Cond(Outcome.CANCEL, cancelGroup, p, TaskState.FAILED, null, false));
        conds.add(new Cond(Outcome.CANCEL, cancelGroup, p, TaskState.CANCELLED, null, false));
      }
    }
  }

  private static List<TaskCondition> of(List<TaskCondition> mine, TaskCondition.Action a) {
    return mine.stream().filter(c -> c.action() == a).toList();
  }

  /**
   * Parent {@code parent} ended in {@code end} with {@code outputJson} (null unless COMPLETED); returns the outcome
   * once the match resolves, else null. Hatchet evaluates with {@code output} = the parent's output, {@code input} = {}.
   */
  Outcome parentEnded(String parent, TaskState end, String outputJson) {
    Map<String, Object> output = end == TaskState.COMPLETED ? objectOrEmpty(outputJson) : Map.of();
    Map<String, Object> vars = Map.of("input", Map.of(), "output", output);
    for (Cond c : conds) {
      if (c.parent.equals(parent) && c.end == end && !satisfied.contains(c)
          && (c.onSkipped ? Boolean.TRUE.equals(output.get("skipped")) : c.user == null || c.user.test(vars))) {
        satisfied.add(c);
      }
    }
    for (Outcome o : Outcome.values()) {
      if (complete(o)) {
        return o;
      }
    }
    return null;
  }

  private boolean complete(Outcome action) {
    Set<String> groups = new LinkedHashSet<>();
    Set<String> met = new LinkedHashSet<>();
    for (Cond c : conds) {
      if (c.action == action) {
        groups.add(c.group);
        if (satisfied.contains(c)) {
          met.add(c.group);
        }
      }
    }
    return !groups.isEmpty() && met.size() == groups.size();
  }

  /** A task's output as CEL's {@code output} map; an output that is not a JSON object reads as {}. */
  static Map<String, Object> objectOrEmpty(String json) {
    if (json == null || json.isBlank() || !json.trim().startsWith("{")) {
      return Map.of();
    }
    try {
      return Json.map(json);
    } catch (RuntimeException e) {
      return Map.of();
    }
  }
}
