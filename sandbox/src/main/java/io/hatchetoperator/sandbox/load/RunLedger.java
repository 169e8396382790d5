package io.hatchetoperator.sandbox.load;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Exactly-once accounting of a run: each submitted task's result is counted once, executions are counted
 * per run id (a run whose task completed more than once is a duplicate), and what never completed is lost.
 * Thread-safe.
 */
public final class RunLedger {

  private final Clock clock;
  private final Map<Integer, Entry> entries = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> executions = new ConcurrentHashMap<>();
  private final AtomicLong repeatedResults = new AtomicLong();

  /** A ledger reading time from {@code clock}. */
  public RunLedger(Clock clock) {
    this.clock = clock;
  }

  /** Task {@code index} (its row in the trace) is being submitted now. */
  public void submitted(int index, TraceRow row) {
    entries.put(index, new Entry(row, clock.millis()));
  }

  /** Task {@code index} got the engine run id {@code runId}. */
  public void triggered(int index, String runId) {
    entries.get(index).runId = runId;
  }

  /** Task {@code index}'s result arrived; a second result for the same task is counted apart, not again. */
  public void finished(int index, boolean completed) {
    Entry e = entries.get(index);
    synchronized (e) {
      if (e.finishedAtMs >= 0) {
        repeatedResults.incrementAndGet();
        return;
      }
      e.finishedAtMs = clock.millis();
      e.completed = completed;
    }
  }

  /** A worker finished executing the task of {@code runId} (called by the worker side, once per execution). */
  public void executed(String runId) {
    executions.computeIfAbsent(runId, k -> new AtomicInteger()).incrementAndGet();
  }

  /** Counts as of now. */
  public LedgerCounts counts() {
    int submitted = entries.size();
    int completed = 0;
    int failed = 0;
    for (Entry e : entries.values()) {
      if (e.finishedAtMs >= 0) {
        if (e.completed) {
          completed++;
        } else {
          failed++;
        }
      }
    }
    int duplicated = (int) executions.values().stream().filter(n -> n.get() > 1).count();
    return new LedgerCounts(submitted, completed, failed, submitted - completed, duplicated,
        repeatedResults.get());
  }

  /**
   * Queue wait of every completed task, ms: its time from submission to result minus its own sleep, i.e.
   * the time it waited for a slot plus the engine's and the worker's overhead.
   */
  public List<Long> queueWaitsMs() {
    return entries.values().stream().filter(e -> e.finishedAtMs >= 0 && e.completed)
        .map(e -> Math.max(0, e.finishedAtMs - e.submittedAtMs - e.row.durationMs())).toList();
  }

  /** Submitted tasks whose result has not arrived yet. */
  public int inFlight() {
    return (int) entries.values().stream().filter(e -> e.finishedAtMs < 0).count();
  }

  private static final class Entry {
    final TraceRow row;
    final long submittedAtMs;
    volatile String runId;
    volatile long finishedAtMs = -1;
    volatile boolean completed;

    Entry(TraceRow row, long submittedAtMs) {
      this.row = row;
      this.submittedAtMs = submittedAtMs;
    }
  }
}
