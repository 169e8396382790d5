package io.hatchetoperator.engine.core;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * One queue per action id, highest priority first and FIFO within a priority, with lazy deletion (an entry is live
 * while its task is still QUEUED with the same sequence number), plus queued/running counters per task name.
 * Not thread-safe: used under the scheduler's lock.
 */
final class TaskQueues {

  private record Entry(TaskRun task, long seq, int priority) {
    boolean live() {
      return task.state == TaskState.QUEUED && task.seq == seq;
    }
  }

  private static final Comparator<Entry> ORDER =
      Comparator.comparingInt((Entry e) -> -e.priority).thenComparingLong(Entry::seq);

  private final Map<String, PriorityQueue<Entry>> byAction = new HashMap<>();
  private final Map<String, long[]> counts = new HashMap<>();
  private long seq;

  /** True when queued task {@code a} goes before {@code b}: higher priority, then queued earlier. */
  static boolean before(TaskRun a, TaskRun b) {
    return a.run.priority != b.run.priority ? a.run.priority > b.run.priority : a.seq < b.seq;
  }

  /** Moves {@code t} to {@code to}, keeping the per-name counters right. */
  void move(TaskRun t, TaskState to) {
    count(t.def.readableId(), t.state, -1);
    count(t.def.readableId(), to, +1);
    t.state = to;
  }

  /** Marks {@code t} QUEUED now and appends it to its action's queue. */
  void add(TaskRun t, long now) {
    move(t, TaskState.QUEUED);
    t.seq = ++seq;
    t.queuedAtMillis = now;
    byAction.computeIfAbsent(t.def.action(), a -> new PriorityQueue<>(ORDER)).add(new Entry(t, t.seq, t.run.priority));
  }

  /** The next live task of {@code action} without removing it, or null. */
  TaskRun peek(String action) {
    PriorityQueue<Entry> q = byAction.get(action);
    if (q == null) {
      return null;
    }
    Entry e;
    while ((e = q.peek()) != null && !e.live()) {
      q.poll();
    }
    return e == null ? null : e.task;
  }

  /** Removes the head that {@link #peek} returned. */
  void pop(String action) {
    byAction.get(action).poll();
  }

  /** All live queued tasks (for schedule timeouts and stats), in no particular order. */
  List<TaskRun> queued() {
    List<TaskRun> out = new ArrayList<>();
    for (PriorityQueue<Entry> q : byAction.values()) {
      for (Entry e : q) {
        if (e.live()) {
          out.add(e.task);
        }
      }
    }
    return out;
  }

  /** Live queued tasks per action id. */
  Map<String, Integer> sizes() {
    Map<String, Integer> out = new HashMap<>();
    for (Map.Entry<String, PriorityQueue<Entry>> q : byAction.entrySet()) {
      int n = 0;
      for (Entry e : q.getValue()) {
        n += e.live() ? 1 : 0;
      }
      out.put(q.getKey(), n);
    }
    return out;
  }

  /** {queued (incl. retry wait), running} for a task name. */
  long[] counts(String readableId) {
    return counts.getOrDefault(readableId, new long[2]).clone();
  }

  /** Task names that have ever been counted. */
  Iterable<String> names() {
    return new ArrayDeque<>(counts.keySet());
  }

  private void count(String name, TaskState s, int delta) {
    int i = s.queued() ? 0 : s == TaskState.RUNNING ? 1 : -1;
    if (i >= 0) {
      counts.computeIfAbsent(name, n -> new long[2])[i] += delta;
    }
  }
}
