package io.hatchetoperator.engine.core;

import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The creation time and final status of finished runs after the janitor forgot them, so that
 * task-metrics keeps counting them (Hatchet counts from its OLAP tables, which keep runs far longer than
 * this engine keeps them in memory). Kept {@link #KEEP_MILLIS}; guarded by the scheduler's lock.
 */
final class RunTally {

  static final long KEEP_MILLIS = 24 * 3_600_000L;

  /** workflow id → final status → creation millis → runs. */
  private final Map<String, Map<TaskState, TreeMap<Long, Integer>>> byWorkflow = new HashMap<>();
  private long oldest = Long.MAX_VALUE;

  /** Notes a forgotten finished run. */
  void add(String workflowId, TaskState status, long createdAtMillis) {
    byWorkflow.computeIfAbsent(workflowId, k -> new HashMap<>())
        .computeIfAbsent(status, k -> new TreeMap<>()).merge(createdAtMillis, 1, Integer::sum);
    oldest = Math.min(oldest, createdAtMillis);
  }

  /** Adds to {@code counts} (by status) the runs of the workflow created in [since, until]. */
  void count(String workflowId, long since, long until, Map<TaskState, Long> counts) {
    Map<TaskState, TreeMap<Long, Integer>> statuses = byWorkflow.get(workflowId);
    if (statuses == null || since > until) {
      return;
    }
    statuses.forEach((status, times) -> {
      long n = 0;
      for (int c : times.subMap(since, true, until, true).values()) {
        n += c;
      }
      if (n > 0) {
        counts.merge(status, n, Long::sum);
      }
    });
  }

  /** Adds the runs of every workflow created in [since, until]. */
  void countAll(long since, long until, Map<TaskState, Long> counts) {
    byWorkflow.keySet().forEach(id -> count(id, since, until, counts));
  }

  /** Drops runs created more than {@link #KEEP_MILLIS} before {@code now}. */
  void prune(long now) {
    long cutoff = now - KEEP_MILLIS;
    if (oldest >= cutoff) {
      return;
    }
    for (Map<TaskState, TreeMap<Long, Integer>> statuses : byWorkflow.values()) {
      for (TreeMap<Long, Integer> times : statuses.values()) {
        NavigableMap<Long, Integer> old = times.headMap(cutoff, false);
        old.clear();
      }
    }
    oldest = cutoff;
  }
}
