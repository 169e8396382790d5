package io.hatchetoperator.engine.core;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;

/** Forgets finished runs and long-gone workers so a long-lived engine keeps a bounded memory; paces rare scans. */
final class RunJanitor {

  private static final long SCAN_EVERY_MILLIS = 1000;

  private final EngineTimings timings;
  private final Deque<WorkflowRun> finished = new ArrayDeque<>();
  private long nextScan;

  RunJanitor(EngineTimings timings) {
    this.timings = timings;
  }

  /** Notes a run that just finished. */
  void finished(WorkflowRun run) {
    finished.add(run);
  }

  /** True about once a second: time for the O(queued) schedule-timeout scan. */
  boolean scheduleScanDue(long now) {
    if (now < nextScan) {
      return false;
    }
    nextScan = now + SCAN_EVERY_MILLIS;
    return true;
  }

  /** Drops runs finished longer than the retention ago (or beyond the count cap), and silent workers without tasks. */
  void purge(long now, TenantState s) {
    long runCutoff = now - timings.runRetention().toMillis();
    while (!finished.isEmpty()
        && (finished.peek().finishedAtMillis <= runCutoff || finished.size() > timings.maxFinishedRuns())) {
      WorkflowRun run = finished.poll();
      if (run.finished() && run.finishedAtMillis != 0) {
        s.runs.remove(run.id);
        s.tally.add(run.workflow.id(), run.status(), run.createdAtMillis);
        run.tasks.values().forEach(t -> s.tasks.remove(t.externalId));
      }
    }
    s.tally.prune(now);
    long workerCutoff = now - timings.workerRetention().toMillis();
    Iterator<Map.Entry<String, WorkerState>> it = s.workers.entrySet().iterator();
    while (it.hasNext()) {
      WorkerState w = it.next().getValue();
      if (w.listener == null && w.running.isEmpty() && Math.max(w.lastHeartbeatMillis, w.lastListenerMillis) < workerCutoff) {
        it.remove();
        for (String a : w.actions) {
          s.workersByAction.getOrDefault(a, new java.util.ArrayList<>()).remove(w);
        }
      }
    }
  }
}
