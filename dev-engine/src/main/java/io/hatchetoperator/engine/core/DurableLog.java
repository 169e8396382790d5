package io.hatchetoperator.engine.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The durable event log of one durable task run (Hatchet's v1_durable_event_log_file and its entries), kept across
 * invocations: each assignment starts a new invocation (count + 1, node ids restart at 1, as
 * IncrementLogFileInvocationCounts does), and a replay finds its earlier entries at the same nodes. This engine never
 * branches, so every entry is on branch 1. Mutable, guarded by the scheduler's lock.
 */
final class DurableLog {

  static final long BRANCH = 1;

  private final String taskId;
  private int invocation;
  private long latestNode;
  private final Map<Long, LogEntry> entries = new TreeMap<>();

  DurableLog(String taskId) {
    this.taskId = taskId;
  }

  /** A new assignment of the task: the invocation count the worker gets in durable_task_invocation_count. */
  int newInvocation() {
    invocation++;
    latestNode = 0;
    return invocation;
  }

  int invocation() {
    return invocation;
  }

  /** The entry this invocation reached last, or null before its first call. */
  LogEntry latest() {
    return latestNode == 0 ? null : entries.get(latestNode);
  }

  LogEntry entry(long nodeId) {
    return entries.get(nodeId);
  }

  /** A call found at its node: {@code existed} when a replay asked for what an earlier invocation recorded. */
  record Appended(LogEntry entry, boolean existed) {}

  /**
   * Appends one call per key at the next nodes of this invocation, or finds the entries an earlier invocation made
   * there. Checks everything before changing anything: a stale invocation or a call that differs from the recorded
   * one at its node throws and leaves the log as it was.
   */
  List<Appended> append(int invocationCount, LogEntry.Kind kind, List<String> keys, List<String> calls) {
    if (invocationCount != invocation) {
      throw new DurableRefusal.Stale(taskId, invocation, invocationCount);
    }
    for (int i = 0; i < keys.size(); i++) {
      long node = latestNode + 1 + i;
      LogEntry e = entries.get(node);
      if (e != null && (e.kind != kind || !e.key.equals(keys.get(i)))) {
        throw new DurableRefusal.NonDeterminism(taskId, node, BRANCH, e.kind + " " + e.call, kind + " " + calls.get(i));
      }
    }
    List<Appended> out = new ArrayList<>(keys.size());
    for (int i = 0; i < keys.size(); i++) {
      long node = ++latestNode;
      LogEntry e = entries.get(node);
      if (e != null) {
        out.add(new Appended(e, true));
      } else {
        e = new LogEntry(node, BRANCH, kind, keys.get(i), calls.get(i));
        entries.put(node, e);
        out.add(new Appended(e, false));
      }
    }
    return out;
  }

  /** One call at the next node. */
  Appended append(int invocationCount, LogEntry.Kind kind, String key, String call) {
    return append(invocationCount, kind, List.of(key), List.of(call)).get(0);
  }

  String taskId() {
    return taskId;
  }
}
