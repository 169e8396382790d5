package io.hatchetoperator.engine.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The durable event log of one durable task run (Hatchet's v1_durable_event_log_file and its entries), kept across
 * invocations: each assignment starts a new invocation (count + 1, node ids restart at 1, as
 * IncrementLogFileInvocationCounts does), and a replay finds its earlier entries at the same nodes. A branch
 * (BranchDurableTask) forks the log at a node: nodes before it resolve to the parent branch, the others to the new
 * one (Hatchet's resolveBranchForNode). Mutable, guarded by the scheduler's lock.
 */
final class DurableLog {

  private final String taskId;
  private int invocation;
  private long latestNode;
  private long latestBranch = 1;
  /** Entries by "branch:node". */
  private final Map<String, LogEntry> entries = new HashMap<>();
  /** A branch's parent branch and the first node it owns. */
  private final Map<Long, long[]> branchPoints = new HashMap<>();

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

  long latestBranch() {
    return latestBranch;
  }

  /** The entry this invocation reached last, or null before its first call. */
  LogEntry latest() {
    return latestNode == 0 ? null : entry(branchFor(latestNode), latestNode);
  }

  LogEntry entry(long branchId, long nodeId) {
    return entries.get(branchId + ":" + nodeId);
  }

  /** Forks the log at {@code nodeId} of {@code parentBranch}; returns the new branch (Hatchet's handleBranch). */
  long branch(long nodeId, long parentBranch) {
    long next = latestBranch + 1;
    branchPoints.put(next, new long[] {parentBranch, nodeId});
    latestBranch = next;
    latestNode = 0;
    return next;
  }

  /** The branch that owns {@code nodeId} on the latest branch's line: the newest fork at or before that node. */
  long branchFor(long nodeId) {
    List<long[]> line = new ArrayList<>();
    long b = latestBranch;
    for (long[] p = branchPoints.get(b); p != null; p = branchPoints.get(b)) {
      line.add(new long[] {b, p[1]});
      b = p[0];
    }
    line.add(new long[] {b, 0});
    line.sort((x, y) -> Long.compare(x[0], y[0]));
    int lo = 0;
    int hi = line.size();
    while (lo < hi) { // Go's sort.Search: the first fork whose first node is above nodeId
      int mid = (lo + hi) >>> 1;
      if (line.get(mid)[1] > nodeId) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return line.get(Math.max(0, lo - 1))[0];
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
      long branch = branchFor(node);
      LogEntry e = entry(branch, node);
      if (e != null && (e.kind != kind || !e.key.equals(keys.get(i)))) {
        throw new DurableRefusal.NonDeterminism(taskId, node, branch, e.kind + " " + e.call, kind + " " + calls.get(i));
      }
    }
    List<Appended> out = new ArrayList<>(keys.size());
    for (int i = 0; i < keys.size(); i++) {
      long node = ++latestNode;
      long branch = branchFor(node);
      LogEntry e = entry(branch, node);
      if (e != null) {
        out.add(new Appended(e, true));
      } else {
        e = new LogEntry(node, branch, kind, keys.get(i), calls.get(i));
        entries.put(branch + ":" + node, e);
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
