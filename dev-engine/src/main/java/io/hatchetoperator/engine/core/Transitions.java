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
  private final WorkerChoice choice;
  private final RateLimitAdmission rates;
  private final DagConditions conditions = new DagConditions(this);

  Transitions(TenantState s, RunJanitor janitor, long heartbeatMillis) {
    this.s = s;
    this.janitor = janitor;
    this.heartbeatMillis = heartbeatMillis;
    this.choice = new WorkerChoice(s, heartbeatMillis);
    this.rates = new RateLimitAdmission(s);
  }

  /** Where DAG tasks go when their parents end: queued, skipped, cancelled, or waiting for their conditions. */
  DagConditions conditions() {
    return conditions;
  }

  boolean assignable(WorkerState w, long now) {
    return w.assignable(now, heartbeatMillis);
  }

  /** Queues a task for a worker, through its concurrency strategy first when it has one. */
  void enqueue(TaskRun t, long now) {
    ConcurrencySpec runSpec = t.run.workflow.concurrency();
    if (runSpec != null && !t.run.slot.admitted) {
      waitForRun(t, runSpec, now);
      return;
    }
    if (t.run.workflow.sticky() != null && t.desiredWorkerId == null) {
      t.desiredWorkerId = WorkerChoice.desiredWorker(t);
    }
    if (t.rateUnits == null) {
      String problem = rates.resolve(t, now);
      if (problem != null) {
        t.error = problem;
        finish(t, TaskState.FAILED, now);
        return;
      }
    }
    int next = 0;
    while (next < t.slots.length && t.slots[next].admitted) {
      next++;
    }
    if (next == t.slots.length) {
      s.queues.add(t, now);
      assign(t.def.action(), now);
      return;
    }
    ConcurrencySpec spec = t.def.concurrency().get(next);
    String key;
    try {
      key = RunVars.stringKey(spec.key(), t.run, "concurrency key");
    } catch (IllegalStateException e) {
      t.error = e.getMessage();
      finish(t, TaskState.FAILED, now);
      return;
    }
    if (next == 0) {
      s.queues.move(t, TaskState.QUEUED);
      t.queuedAtMillis = now;
    }
    apply(s.gate.offer(t.slots[next], spec, key), now);
  }

  /**
   * A task of a run whose workflow-level strategy has not admitted it yet: it waits with the run, and the run's first
   * waiting task offers the run's slot (Hatchet's workflow concurrency slot, held until the run ends).
   */
  private void waitForRun(TaskRun t, ConcurrencySpec spec, long now) {
    WorkflowRun run = t.run;
    s.queues.move(t, TaskState.QUEUED);
    t.queuedAtMillis = now;
    run.waitingForSlot.add(t);
    if (run.slot.group == null) {
      String key;
      try {
        key = RunVars.stringKey(spec.key(), run, "concurrency key");
      } catch (IllegalStateException e) {
        run.waitingForSlot.remove(t);
        t.error = e.getMessage();
        finish(t, TaskState.FAILED, now);
        return;
      }
      apply(s.gate.offer(run.slot, spec, key), now);
    }
  }

  /** Puts rate-limited tasks whose key may have refilled back in their queues, oldest first. */
  void retryRateLimited(long now, boolean all) {
    List<TaskRun> due = rates.due(now, all);
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

  /**
   * Acts on a concurrency decision: admitted tasks join their action's queue and admitted runs release their waiting
   * tasks; the others are cancelled (a run's cancellation cancels all its unfinished tasks).
   */
  private void apply(ConcurrencyGate.Decision d, long now) {
    for (GateSlot g : d.admit()) {
      g.admitted = true;
      if (g.task != null && allAdmitted(g.task)) {
        long queuedAt = g.task.queuedAtMillis;
        s.queues.add(g.task, now);
        g.task.queuedAtMillis = queuedAt;
      }
    }
    for (GateSlot g : d.cancel()) {
      g.admitted = false;
      ConcurrencySpec spec = g.spec;
      String reason = "Task was cancelled by its " + (g.task != null ? "" : "workflow's ") + "concurrency strategy "
          + spec.strategy() + " (key '" + g.key + "', max_runs " + spec.maxRuns() + ")";
      for (TaskRun t : g.task != null ? List.of(g.task) : List.copyOf(g.run.tasks.values())) {
        cancel(t, reason, now);
      }
    }
    for (GateSlot g : d.admit()) {
      if (g.task != null && g.task.state == TaskState.QUEUED && allAdmitted(g.task)) {
        assign(g.task.def.action(), now);
      } else if (g.task != null && g.task.state == TaskState.QUEUED) {
        enqueue(g.task, now);
      } else if (g.task == null) {
        List<TaskRun> waiting = List.copyOf(g.run.waitingForSlot);
        g.run.waitingForSlot.clear();
        for (TaskRun t : waiting) {
          if (t.state == TaskState.QUEUED) {
            enqueue(t, now);
          }
        }
      }
    }
  }

  private static boolean allAdmitted(TaskRun t) {
    for (GateSlot g : t.slots) {
      if (!g.admitted) {
        return false;
      }
    }
    return true;
  }

  /** Gives up the task's concurrency slots (it finished or goes to retry) so the next tasks of its keys may run. */
  private void leaveGate(TaskRun t, long now) {
    for (GateSlot g : t.slots) {
      g.admitted = false;
    }
    for (GateSlot g : t.slots) {
      if (g.group != null) {
        apply(s.gate.release(g), now);
      }
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
      WorkerState w = choice.pick(candidates, head, now);
      if (w == null) {
        return;
      }
      if (!rates.take(head, now)) {
        continue;
      }
      s.queues.pop(action);
      start(head, w, now);
    }
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
        if (head != null && w.fits(head.def) && WorkerChoice.eligible(w, head) && (best == null || TaskQueues.before(head, best))) {
          best = head;
        }
      }
      if (best == null) {
        return;
      }
      if (!rates.take(best, now)) {
        continue;
      }
      s.queues.pop(best.def.action());
      start(best, w, now);
    }
  }

  private void start(TaskRun t, WorkerState w, long now) {
    s.queues.move(t, TaskState.RUNNING);
    t.assigned(w, now);
    w.take(t.def);
    w.running.add(t);
    s.running.add(t);
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
      if (delay == 0 && t.slots.length == 1 && t.slots[0].group != null) {
        // Hatchet updates the slot of a retried task in place (applyWAL): it competes again in its original order
        t.slots[0].admitted = false;
        s.queues.move(t, TaskState.QUEUED);
        t.queuedAtMillis = now;
        apply(s.gate.requeue(t.slots[0]), now);
      } else if (delay == 0 && t.slots.length > 1) {
        leaveGate(t, now);
        enqueue(t, now);
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
        conditions.parentEnded(child, t, end, now);
      }
    }
    if (run.finished() && run.finishedAtMillis == 0 && !startOnFailure(run, now)) {
      run.finishedAtMillis = now;
      if (run.idempotencyKey != null && run.workflow.idempotency().releaseOnEnd()) {
        s.idempotency.release(run.idempotencyKey, run.id);
      }
      run.slot.admitted = false;
      if (run.slot.group != null) {
        apply(s.gate.release(run.slot), now);
      }
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
    t.parentMatch = null;
    t.conditionWait = null;
    t.triggers = null;
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

  /** Creates a run with its tasks and queues those without parents. */
  WorkflowRun start(WorkflowDef def, TriggerRequest r, long now, long payloadBytes) {
    int priority = r.priority() != null ? r.priority() : def.defaultPriority();
    WorkflowRun run = new WorkflowRun(Ids.uuid(), def, r, priority, now);
    run.payloadBytes = payloadBytes;
    hold(run);
    for (TaskDef td : def.tasks()) {
      TaskRun t = new TaskRun(Ids.uuid(), td, run);
      run.tasks.put(td.readableId(), t);
      s.tasks.put(t.externalId, t);
    }
    run.unfinished = def.tasks().size();
    s.runs.put(run.id, run);
    s.created += run.unfinished;
    for (TaskRun t : List.copyOf(run.tasks.values())) {
      if (t.def.parents().isEmpty()) {
        conditions.ready(t, now);
      }
    }
    return run;
  }

  /** True when the event may change the task; false for a duplicate of the outcome it already has. */
  boolean settled(TaskRun t, TaskState outcome) {
    if (t.state == outcome) {
      return false;
    }
    if (t.state != TaskState.RUNNING && t.state != TaskState.QUEUED) {
      throw EngineException.precondition("task_run_external_id = " + t.externalId + " is " + t.state
          + ", so a " + outcome + " event cannot apply; only a running task can complete or fail");
    }
    return true;
  }

  /** The tasks named by task or run ids; NOT_FOUND naming the first unknown id. */
  List<TaskRun> resolve(List<String> ids) {
    List<TaskRun> out = new java.util.ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      String id = Ids.require("external_ids[" + i + "]", ids.get(i));
      WorkflowRun run = s.runs.get(id);
      if (run != null) {
        out.addAll(run.tasks.values());
      } else if (s.tasks.containsKey(id)) {
        out.add(s.tasks.get(id));
      } else {
        throw EngineException.notFound("external_ids[" + i + "] = " + id + " is neither a task nor a run of this engine");
      }
    }
    return out;
  }
}
