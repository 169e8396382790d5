package io.hatchetoperator.engine.core;

import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hatchet's durable eviction (handleEvictInvocation, EvictTask, and the restore in
 * internal/services/controllers/task/durable_callbacks.go): an evicted task gives its worker slot back and waits off
 * any worker; when the wait it stopped at is satisfied it is queued again, and its next assignment is invocation + 1,
 * which replays the log. Guarded by the scheduler's lock.
 */
final class DurableEviction {

  private static final Logger LOG = LoggerFactory.getLogger(DurableEviction.class);

  private final TenantState s;
  private final Transitions tx;
  /** Evicted tasks and the entry each waits for. */
  private final Map<TaskRun, LogEntry> evicted = new HashMap<>();

  DurableEviction(TenantState s, Transitions tx) {
    this.s = s;
    this.tx = tx;
  }

  /** Evicts the running invocation; an older invocation or a task not running is left alone (Hatchet acks both). */
  void evict(TaskRun t, int invocation, String reason, long now) {
    if (t.state != TaskState.RUNNING || invocation != t.durable.invocation()) {
      LOG.debug("eviction of task {} invocation {} skipped: it is {} at invocation {}", t.externalId, invocation,
          t.state, t.durable.invocation());
      return;
    }
    WorkerState w = t.worker;
    tx.release(t);
    s.queues.move(t, TaskState.RETRY_WAIT);
    LogEntry waitingOn = t.durable.latest();
    LOG.info("durable task {} invocation {} evicted ({}); it waits for node {}", t.externalId, invocation,
        reason == null || reason.isBlank() ? "Task paused and evicted from worker" : reason,
        waitingOn == null ? "none" : waitingOn.nodeId);
    if (waitingOn == null || waitingOn.satisfied) {
      tx.enqueue(t, now);
    } else {
      evicted.put(t, waitingOn);
    }
    if (w != null) {
      tx.drain(w, now);
    }
  }

  /** An entry was satisfied: true when its task is evicted (then it is queued again if this was its wait). */
  boolean restore(TaskRun t, LogEntry e, long now) {
    LogEntry waitingOn = evicted.get(t);
    if (waitingOn == null) {
      return false;
    }
    if (t.state.terminal()) {
      evicted.remove(t);
    } else if (waitingOn == e) {
      evicted.remove(t);
      tx.enqueue(t, now);
    }
    return true;
  }

  /** RestoreEvictedTask: queues an evicted task again now; false when it is not evicted. */
  boolean restoreNow(TaskRun t, long now) {
    if (evicted.remove(t) == null || t.state.terminal()) {
      return false;
    }
    tx.enqueue(t, now);
    return true;
  }

  boolean isEvicted(TaskRun t) {
    return evicted.containsKey(t);
  }

  /** Forgets evicted tasks that were cancelled meanwhile. */
  void forgetFinished() {
    evicted.keySet().removeIf(t -> t.state.terminal());
  }
}
