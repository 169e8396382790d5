package io.hatchetoperator.engine.core;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What happens to a DAG task when its parents end, with Hatchet's semantics (see {@link ParentMatch} and
 * {@link ConditionWait}): a task without conditions is queued when all parents completed, skipped when all of them
 * were skipped, cancelled when one failed or was cancelled; a task with conditions follows its matches. A skipped task
 * completes with output {@code {"skipped": true}} (NewSkippedTaskOutputEventFromTask in pkg/repository/output.go), so
 * its children run; a cancelled one cancels its children. Runs under the scheduler's lock.
 */
final class DagConditions {

  static final String SKIPPED_OUTPUT = "{\"skipped\":true}";

  private final Transitions tx;
  /** Tasks waiting for their sleep or user-event conditions, in the order they started waiting. */
  private final Set<TaskRun> waiting = new LinkedHashSet<>();

  DagConditions(Transitions tx) {
    this.tx = tx;
  }

  /** Parent {@code parent} of the PENDING task {@code child} ended in {@code end}. */
  void parentEnded(TaskRun child, TaskRun parent, TaskState end, long now) {
    if (end == TaskState.COMPLETED) {
      child.pendingParents--;
    }
    if (child.def.conditions().isEmpty()) {
      if (end != TaskState.COMPLETED) {
        child.error = "Task was cancelled because its parent '" + parent.def.readableId() + "' is " + end;
        tx.finish(child, TaskState.CANCELLED, now);
      } else if (child.pendingParents == 0) {
        ready(child, now);
      }
      return;
    }
    if (child.parentMatch == null) {
      child.parentMatch = new ParentMatch(child.def.parents(), child.def.conditions());
    }
    act(child, child.parentMatch.parentEnded(parent.def.readableId(), end, parent.output), parent, now);
  }

  /** A task whose parents are all done (a root task at the run's start, or a replayed task). */
  void ready(TaskRun t, long now) {
    if (t.state != TaskState.PENDING || t.conditionWait != null) {
      return;
    }
    List<String> parents = t.def.parents();
    if (!t.def.conditions().isEmpty() && !parents.isEmpty()) {
      t.parentMatch = new ParentMatch(parents, t.def.conditions());
      ParentMatch.Outcome o = null;
      TaskRun last = null;
      for (int i = 0; i < parents.size() && o == null; i++) {
        last = t.run.tasks.get(parents.get(i));
        o = t.parentMatch.parentEnded(last.def.readableId(), last.state, last.output);
      }
      act(t, o, last, now);
    } else if (!t.def.conditions().isEmpty()) {
      startWait(t, now);
    } else if (!parents.isEmpty() && parents.stream().allMatch(p -> skipped(t.run.tasks.get(p)))) {
      skip(t, now);
    } else {
      tx.enqueue(t, now);
    }
  }

  private static boolean skipped(TaskRun parent) {
    return Boolean.TRUE.equals(ParentMatch.objectOrEmpty(parent.output).get("skipped"));
  }

  private void act(TaskRun t, ParentMatch.Outcome o, TaskRun parent, long now) {
    if (o == null) {
      return;
    }
    switch (o) {
      case SKIP -> skip(t, now);
      case CANCEL -> cancel(t, "Task was cancelled because its parent '" + parent.def.readableId() + "' "
          + (parent.state == TaskState.COMPLETED ? "met its cancel_if condition" : "is " + parent.state), now);
      case QUEUE -> tx.enqueue(t, now);
      case CREATE_MATCH -> startWait(t, now);
      default -> throw new IllegalStateException("unknown outcome " + o);
    }
  }

  private void startWait(TaskRun t, long now) {
    t.conditionWait = new ConditionWait(t.def.conditions(), now);
    waiting.add(t);
    resolved(t, t.conditionWait.tick(now), now);
  }

  /** A user event was pushed: waiting tasks whose conditions it completes move on. */
  void pushed(String key, String payloadJson, long now) {
    if (waiting.isEmpty()) {
      return;
    }
    Map<String, Object> payload = ParentMatch.objectOrEmpty(payloadJson);
    for (TaskRun t : new ArrayList<>(waiting)) {
      if (!forgotten(t)) {
        resolved(t, t.conditionWait.offer(key, payloadJson, payload), now);
      }
    }
  }

  /** The clock moved: sleeps that are due may resolve waiting tasks. */
  void tick(long now) {
    for (TaskRun t : new ArrayList<>(waiting)) {
      if (!forgotten(t) && t.conditionWait.nextDeadline() <= now) {
        resolved(t, t.conditionWait.tick(now), now);
      }
    }
  }

  /** Drops a task that left its wait another way (cancelled with its run, replayed). */
  private boolean forgotten(TaskRun t) {
    if (t.state != TaskState.PENDING || t.conditionWait == null) {
      waiting.remove(t);
      return true;
    }
    return false;
  }

  private void resolved(TaskRun t, TaskCondition.Action a, long now) {
    if (a == null) {
      return;
    }
    waiting.remove(t);
    switch (a) {
      case SKIP -> skip(t, now);
      case CANCEL -> cancel(t, "Task was cancelled by its cancel_if condition", now);
      case QUEUE -> {
        if (!t.def.parents().isEmpty()) {
          t.triggers = t.conditionWait.triggers();
        }
        tx.enqueue(t, now);
      }
      default -> throw new IllegalStateException("unknown action " + a);
    }
  }

  private void skip(TaskRun t, long now) {
    t.output = SKIPPED_OUTPUT;
    tx.finish(t, TaskState.COMPLETED, now);
  }

  private void cancel(TaskRun t, String reason, long now) {
    t.error = reason;
    tx.finish(t, TaskState.CANCELLED, now);
  }

  /** How many tasks wait for sleep or user-event conditions. */
  int waiting() {
    return waiting.size();
  }
}
