package io.hatchetoperator.engine.core;

import java.util.ArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The time-based rules, applied by the scheduler's periodic sweep with its lock held: execution timeouts (CANCEL to
 * the worker, then a retryable failure), retries whose backoff has passed, reassignment of the tasks of workers silent
 * for 30 s, the implicit heartbeat of legacy Listen streams, schedule timeouts and retention.
 */
final class TimeRules {

  private static final Logger LOG = LoggerFactory.getLogger(TimeRules.class);

  private final TenantState s;
  private final Transitions tx;
  private final RunJanitor janitor;
  private final EngineTimings timings;

  TimeRules(TenantState s, Transitions tx, RunJanitor janitor, EngineTimings timings) {
    this.s = s;
    this.tx = tx;
    this.janitor = janitor;
    this.timings = timings;
  }

  void apply(long now) {
    tx.conditions().tick(now);
    for (WorkerState w : new ArrayList<>(s.workers.values())) {
      worker(w, now);
    }
    for (TaskRun t : new ArrayList<>(s.running)) {
      if (t.state == TaskState.RUNNING && now >= t.timeoutAtMillis) {
        s.timedOut++;
        if (t.worker != null && t.worker.listener != null) {
          t.worker.listener.cancel(t);
        }
        tx.notify(t, "TIMED_OUT", "");
        tx.fail(t, "Task exceeded its timeout of " + Durations.format(t.def.timeout()) + " (task '" + t.def.readableId()
            + "'); raise the task's execution timeout or refresh it while it runs", false, now);
      }
    }
    for (TaskRun t : new ArrayList<>(s.retryWait)) {
      if (t.state != TaskState.RETRY_WAIT) {
        s.retryWait.remove(t);
      } else if (now >= t.retryAtMillis) {
        s.retryWait.remove(t);
        tx.enqueue(t, now);
      }
    }
    tx.retryRateLimited(now, false);
    if (janitor.scheduleScanDue(now)) {
      s.rateLimits.forgetIdle(now);
      s.idempotency.purge(now);
      java.util.List<TaskRun> queued = s.queues.queued();
      for (GateSlot slot : s.gate.waiting()) {
        if (slot.task != null) {
          queued.add(slot.task);
        } else {
          queued.addAll(slot.run.waitingForSlot);
        }
      }
      queued.addAll(s.rateLimited);
      for (TaskRun t : queued) {
        if (now - t.queuedAtMillis >= t.def.scheduleTimeout().toMillis()) {
          t.error = "Task was not assigned within its schedule timeout of " + Durations.format(t.def.scheduleTimeout())
              + waitedFor(t) + (t.rateNote != null ? " (" + t.rateNote + ")" : "") + "; start a worker for action '" + t.def.action() + "' or raise schedule_timeout";
          tx.finish(t, TaskState.FAILED, now);
        }
      }
    }
    janitor.purge(now, s);
  }

  /**
   * Hatchet's internal retry of a task whose worker went silent: a new attempt ({@code retry_count + 1}, so a late
   * result of the old attempt is ignored) that does not use the task's {@code retries}, up to
   * {@value #MAX_INTERNAL_RETRIES} times (FailTaskInternalFailure in pkg/repository/sqlcv1/tasks.sql,
   * ProcessTaskReassignments with IsAppError false in pkg/repository/task.go, MaxInternalRetryCount in
   * pkg/config/server/server.go).
   */
  private void reassign(TaskRun t, long now) {
    if (t.internalRetryCount >= MAX_INTERNAL_RETRIES) {
      tx.fail(t, "Task was reassigned " + MAX_INTERNAL_RETRIES + " times after its workers went silent (no heartbeat "
          + "for " + timings.reassignAfter().toSeconds() + " s); check the workers' connection to the engine", true, now);
      return;
    }
    tx.release(t);
    t.retryCount++;
    t.internalRetryCount++;
    s.reassigned++;
    tx.enqueue(t, now);
  }

  /** Hatchet's default {@code maxInternalRetryCount}. */
  static final int MAX_INTERNAL_RETRIES = 10;

  private void worker(WorkerState w, long now) {
    if (w.legacyListener && w.listener != null) {
      w.lastHeartbeatMillis = now;
    }
    if (!w.running.isEmpty() && now - w.lastHeartbeatMillis > timings.reassignAfter().toMillis()) {
      LOG.warn("worker '{}' ({}) silent for {} s: queueing its {} tasks again", w.name, w.id,
          (now - w.lastHeartbeatMillis) / 1000, w.running.size());
      for (TaskRun t : new ArrayList<>(w.running)) {
        reassign(t, now);
      }
    }
  }

  /** Which concurrency slot a task timed out waiting for, for its error. */
  private static String waitedFor(TaskRun t) {
    GateSlot slot = t.run.slot.group != null && !t.run.slot.admitted ? t.run.slot : null;
    for (GateSlot g : t.slots) {
      slot = g.group != null && !g.admitted ? g : slot;
    }
    return slot == null ? "" : " (it waited for a concurrency slot of key '" + slot.key + "')";
  }
}
