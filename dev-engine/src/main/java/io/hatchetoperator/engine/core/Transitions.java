package io.hatchetoperator.engine.core;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The task state machine and the assignment rules: queue, assign to a worker with room, complete, fail and retry,
 * cancel, finish the run and unlock downstream tasks. Every method runs with the scheduler's lock held.
 */
final class Transitions {

  private static final Logger LOG = LoggerFactory.getLogger(Transitions.class);

  private final TenantState s;
  private final RunJanitor janitor;
  private final long heartbeatMillis;
  private long rr;

  Transitions(TenantState s, RunJanitor janitor, long heartbeatMillis) {
    this.s = s;
    this.janitor = janitor;
    this.heartbeatMillis = heartbeatMillis;
  }

  boolean assignable(WorkerState w, long now) {
    return w.assignable(now, heartbeatMillis);
  }

  /** Queues a task for a worker, through its concurrency strategy first when it has one. */
  void enqueue(TaskRun t, long now) {
    if (t.run.workflow.sticky() != null && t.desiredWorkerId == null) {
      t.desiredWorkerId = desiredWorker(t);
    }
    if (t.rateUnits == null && !resolveRateLimits(t, now)) {
      return;
    }
    ConcurrencySpec spec = t.def.concurrency();
    if (spec == null || t.admitted) {
      s.queues.add(t, now);
      assign(t.def.action(), now);
      return;
    }
    String key;
    try {
      key = RunVars.stringKey(spec.key(), t.run, "concurrency key");
    } catch (IllegalStateException e) {
      t.error = e.getMessage();
      finish(t, TaskState.FAILED, now);
      return;
    }
    s.queues.move(t, TaskState.QUEUED);
    t.queuedAtMillis = now;
    apply(s.gate.offer(t, spec, key), now);
  }

  /**
   * The worker a sticky task should run on: the worker of its first parent that ran, or for a root task the trigger's
   * desired worker (the SDKs send it for sticky child runs); Hatchet's {@code DesiredWorkerId} in
   * {@code pkg/repository/input.go} and {@code trigger.go}.
   */
  private static String desiredWorker(TaskRun t) {
    for (String p : t.def.parents()) {
      TaskRun parent = t.run.tasks.get(p);
      if (parent != null && parent.lastWorkerId != null) {
        return parent.lastWorkerId;
      }
    }
    return t.run.request.desiredWorkerId();
  }

  /** Evaluates the task's rate limits once (dynamic limits are created or updated); false when it failed the task. */
  private boolean resolveRateLimits(TaskRun t, long now) {
    java.util.Map<String, Long> units = new java.util.LinkedHashMap<>();
    try {
      for (RateLimitSpec spec : t.def.rateLimits()) {
        RateLimitSpec.Resolved r = spec.resolve(RunVars.of(t.run));
        if (r.limit() != null) {
          s.rateLimits.put(r.key(), r.limit(), r.window(), now);
        }
        units.merge(r.key(), r.units(), Long::sum);
      }
    } catch (IllegalStateException e) {
      t.error = e.getMessage();
      finish(t, TaskState.FAILED, now);
      return false;
    }
    t.rateUnits = units;
    return true;
  }

  /**
   * Takes the task's rate-limit units before it starts; when a key is short the task leaves its queue until the key's
   * next refill (so the tasks behind it are not blocked) and false is returned.
   */
  private boolean takeUnits(TaskRun t, long now) {
    if (t.rateUnits == null || t.rateUnits.isEmpty()) {
      return true;
    }
    RateLimits.Exceeded ex = s.rateLimits.use(t.rateUnits, now);
    if (ex == null) {
      t.rateNote = null;
      return true;
    }
    s.queues.pop(t.def.action());
    t.rateRetryAtMillis = ex.retryAtMillis();
    t.rateNote = ex.missing() ? "rate limit '" + ex.key() + "' does not exist; create it with PutRateLimit"
        + " (hatchet.ratelimits.upsert) or give the task a limit value"
        : "rate limit '" + ex.key() + "' had " + ex.value() + " of the " + ex.units() + " units it needs";
    s.rateLimited.add(t);
    return false;
  }

  /** Puts rate-limited tasks whose key may have refilled back in their queues, oldest first. */
  void retryRateLimited(long now, boolean all) {
    List<TaskRun> due = new java.util.ArrayList<>();
    s.rateLimited.removeIf(t -> {
      if (t.state != TaskState.QUEUED) {
        return true;
      }
      if (all || now >= t.rateRetryAtMillis) {
        due.add(t);
        return true;
      }
      return false;
    });
    due.sort(java.util.Comparator.comparingLong(t -> t.seq));
    for (TaskRun t : due) {
      long queuedAt = t.queuedAtMillis;
      s.queues.add(t, now);
      t.queuedAtMillis = queuedAt;
    }
    for (TaskRun t : due) {
      if (t.state == TaskState.QUEUED) {
        assign(t.def.action(), now);
      }
    }
  }

  /** Acts on a concurrency decision: admitted tasks join their action's queue, the others are cancelled. */
  private void apply(ConcurrencyGate.Decision d, long now) {
    for (TaskRun t : d.admit()) {
      t.admitted = true;
      long queuedAt = t.queuedAtMillis;
      s.queues.add(t, now);
      t.queuedAtMillis = queuedAt;
    }
    for (TaskRun t : d.cancel()) {
      t.admitted = false;
      ConcurrencySpec spec = t.def.concurrency();
      cancel(t, "Task was cancelled by its concurrency strategy " + spec.strategy() + " (key '" + t.gateKey
          + "', max_runs " + spec.maxRuns() + ")", now);
    }
    for (TaskRun t : d.admit()) {
      if (t.state == TaskState.QUEUED) {
        assign(t.def.action(), now);
      }
    }
  }

  /** Gives up the task's concurrency slot (it finished or goes to retry) so the next task of its key may run. */
  private void leaveGate(TaskRun t, long now) {
    t.admitted = false;
    if (t.gateGroup != null) {
      apply(s.gate.release(t), now);
    }
  }

  /** Assigns the head of {@code action}'s queue to assignable workers until the queue or the slots run out. */
  private void assign(String action, long now) {
    List<WorkerState> candidates = s.workersByAction.get(action);
    if (candidates == null || candidates.isEmpty()) {
      return;
    }
    TaskRun head;
    while ((head = s.queues.peek(action)) != null) {
      WorkerState w = pick(candidates, head, now);
      if (w == null) {
        return;
      }
      if (!takeUnits(head, now)) {
        continue;
      }
      s.queues.pop(action);
      start(head, w, now);
    }
  }

  /**
   * Round robin over the candidates, so load spreads across workers, ranked as Hatchet ranks them
   * ({@code rankWorkerIds} in {@code pkg/scheduling/v1/scheduler.go}): a sticky task (HARD) only goes to its desired
   * worker, a SOFT one to its desired worker when that has room; otherwise a task with desired labels goes to the
   * eligible worker whose satisfied optional labels weigh most (round robin among equals). As in Hatchet, labels are
   * not consulted for a sticky workflow's tasks.
   */
  private WorkerState pick(List<WorkerState> candidates, TaskRun t, long now) {
    String sticky = t.run.workflow.sticky();
    if (sticky != null && t.desiredWorkerId != null) {
      WorkerState desired = s.workers.get(t.desiredWorkerId);
      if (desired != null && desired.actions.contains(t.def.action()) && desired.assignable(now, heartbeatMillis)
          && desired.fits(t.def)) {
        return desired;
      }
      if ("HARD".equals(sticky)) {
        return null;
      }
    }
    List<LabelRule> labels = sticky != null ? List.of() : t.labels();
    int n = candidates.size();
    int first = (int) (rr++ % n);
    WorkerState best = null;
    int bestScore = -1;
    for (int i = 0; i < n; i++) {
      WorkerState w = candidates.get((first + i) % n);
      if (w.assignable(now, heartbeatMillis) && w.fits(t.def) && LabelRule.allows(labels, w.labels)) {
        if (labels.isEmpty()) {
          return w;
        }
        int score = LabelRule.affinity(labels, w.labels);
        if (score > bestScore) {
          best = w;
          bestScore = score;
        }
      }
    }
    return best;
  }

  /** Whether {@code w} may take {@code t} when it has a free slot: its required labels, or HARD stickiness. */
  private static boolean eligible(WorkerState w, TaskRun t) {
    String sticky = t.run.workflow.sticky();
    if (sticky != null) {
      return !"HARD".equals(sticky) || t.desiredWorkerId == null || t.desiredWorkerId.equals(w.id);
    }
    return LabelRule.allows(t.labels(), w.labels);
  }

  /**
   * Gives {@code w} queued work of its actions while it has room, always the best head across its actions (highest
   * priority, then oldest), so one action's backlog never starves another's.
   */
  void drain(WorkerState w, long now) {
    if (!w.assignable(now, heartbeatMillis)) {
      return;
    }
    while (w.listener != null) {
      TaskRun best = null;
      for (String action : w.actions) {
        TaskRun head = s.queues.peek(action);
        if (head != null && w.fits(head.def) && eligible(w, head) && (best == null || TaskQueues.before(head, best))) {
          best = head;
        }
      }
      if (best == null) {
        return;
      }
      if (!takeUnits(best, now)) {
        continue;
      }
      s.queues.pop(best.def.action());
      start(best, w, now);
    }
  }

  private void start(TaskRun t, WorkerState w, long now) {
    s.queues.move(t, TaskState.RUNNING);
    t.worker = w;
    t.lastWorkerId = w.id;
    t.holdsSlot = true;
    w.take(t.def);
    w.running.add(t);
    s.running.add(t);
    t.startedAtMillis = now;
    t.timeoutAtMillis = now + t.def.timeout().toMillis();
    s.assigned++;
    try {
      w.listener.start(t);
    } catch (RuntimeException e) {
      LOG.warn("could not send task {} to worker {}: {}; it stays assigned until its timeout", t.externalId, w.id,
          e.toString());
    }
  }

  /** Takes a task off its worker and frees its slots. */
  void release(TaskRun t) {
    s.running.remove(t);
    WorkerState w = t.worker;
    if (w != null) {
      w.running.remove(t);
      if (t.holdsSlot) {
        w.give(t.def);
        t.holdsSlot = false;
      }
    }
    t.worker = null;
  }

  void complete(TaskRun t, String output, long now) {
    WorkerState w = t.worker;
    release(t);
    t.output = output;
    finish(t, TaskState.COMPLETED, now);
    if (w != null) {
      drain(w, now);
    }
  }

  /** A failed attempt: retried (after the backoff) while retries remain and the worker allows it, else FAILED. */
  void fail(TaskRun t, String error, boolean noRetry, long now) {
    WorkerState w = t.worker;
    release(t);
    if (!noRetry && t.appRetryCount < t.def.retries()) {
      t.retryCount++;
      t.appRetryCount++;
      s.retried++;
      notify(t, "FAILED", error);
      long delay = t.def.backoffBefore(t.appRetryCount).toMillis();
      if (delay == 0 && t.gateGroup != null) {
        // Hatchet updates the slot of a retried task in place (applyWAL): it competes again in its original order
        t.admitted = false;
        s.queues.move(t, TaskState.QUEUED);
        t.queuedAtMillis = now;
        apply(s.gate.requeue(t), now);
      } else if (delay == 0) {
        enqueue(t, now);
      } else {
        leaveGate(t, now);
        s.queues.move(t, TaskState.RETRY_WAIT);
        t.retryAtMillis = now + delay;
        s.retryWait.add(t);
      }
    } else {
      t.error = error;
      finish(t, TaskState.FAILED, now);
    }
    if (w != null) {
      drain(w, now);
    }
  }

  /** Cancels a task that is not finished; a running one gets CANCEL_STEP_RUN on its worker's stream. */
  boolean cancel(TaskRun t, String reason, long now) {
    if (t.state.terminal()) {
      return false;
    }
    WorkerState w = t.worker;
    if (t.state == TaskState.RUNNING && w != null && w.listener != null) {
      w.listener.cancel(t);
    }
    release(t);
    t.error = reason;
    finish(t, TaskState.CANCELLED, now);
    if (w != null) {
      drain(w, now);
    }
    return true;
  }

  /** Counts the run's input in the tenant's held bytes (once). */
  void hold(WorkflowRun run) {
    if (!run.payloadHeld) {
      run.payloadHeld = true;
      s.heldPayloadBytes += run.payloadBytes;
    }
  }

  private void release(WorkflowRun run) {
    if (run.payloadHeld) {
      run.payloadHeld = false;
      s.heldPayloadBytes -= run.payloadBytes;
    }
  }

  /** Terminal transition: counters, downstream tasks, and the run's end. */
  void finish(TaskRun t, TaskState end, long now) {
    s.queues.move(t, end);
    leaveGate(t, now);
    WorkflowRun run = t.run;
    run.unfinished--;
    switch (end) {
      case COMPLETED -> s.succeeded++;
      case FAILED -> s.failed++;
      default -> s.cancelled++;
    }
    notify(t, end.name(), end == TaskState.COMPLETED ? t.output : t.error);
    for (TaskRun child : List.copyOf(run.tasks.values())) {
      if (child.def.parents().contains(t.def.readableId()) && child.state == TaskState.PENDING) {
        if (end == TaskState.COMPLETED) {
          if (--child.pendingParents == 0) {
            enqueue(child, now);
          }
        } else {
          child.error = "Task was cancelled because its parent '" + t.def.readableId() + "' is " + end;
          finish(child, TaskState.CANCELLED, now);
        }
      }
    }
    if (run.finished() && run.finishedAtMillis == 0 && !startOnFailure(run, now)) {
      run.finishedAtMillis = now;
      release(run);
      janitor.finished(run);
      List<RunObserver> list = s.observers.remove(run.id);
      if (list != null) {
        for (RunObserver o : list) {
          o.runFinished(run);
        }
      }
    }
  }

  /** Queues the workflow's on-failure task once, when a run ends with a failed task; true when it did. */
  private boolean startOnFailure(WorkflowRun run, long now) {
    TaskDef onFailure = run.workflow.onFailure();
    if (onFailure == null || run.tasks.containsKey(onFailure.readableId())
        || run.tasks.values().stream().noneMatch(t -> t.state == TaskState.FAILED)) {
      return false;
    }
    TaskRun t = new TaskRun(Ids.uuid(), onFailure, run);
    run.tasks.put(onFailure.readableId(), t);
    s.tasks.put(t.externalId, t);
    run.unfinished++;
    s.created++;
    enqueue(t, now);
    return true;
  }

  /** Puts a finished task and its finished descendants back to PENDING (replay); collects their ids. */
  void reset(TaskRun t, List<String> out) {
    if (out.contains(t.externalId)) {
      return;
    }
    WorkflowRun run = t.run;
    if (t.state.terminal()) {
      run.unfinished++;
      run.finishedAtMillis = 0;
      hold(run);
    }
    s.queues.move(t, TaskState.PENDING);
    t.retryCount = 0;
    t.appRetryCount = 0;
    t.internalRetryCount = 0;
    t.output = null;
    t.error = null;
    out.add(t.externalId);
    for (TaskRun child : run.tasks.values()) {
      if (child.def.parents().contains(t.def.readableId()) && child.state.terminal()) {
        reset(child, out);
      }
    }
    for (TaskRun task : run.tasks.values()) {
      if (task.state == TaskState.PENDING) {
        task.pendingParents = (int) task.def.parents().stream()
            .filter(p -> run.tasks.get(p).state != TaskState.COMPLETED).count();
      }
    }
  }

  void notify(TaskRun t, String kind, String payload) {
    List<RunObserver> list = s.observers.get(t.run.id);
    if (list != null) {
      for (RunObserver o : list) {
        o.taskEvent(t, kind, payload);
      }
    }
  }
}
