package io.hatchetoperator.engine.core;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state of one tenant: workers, runs, queues. Every public method takes the tenant's lock for a few microseconds;
 * assignment is event-driven (a task is queued, a slot frees, a worker becomes assignable) and sends to the worker's
 * stream under the lock, so each stream sees its actions in order. Time-based rules run in {@link #sweep()}.
 *
 * <p>The public face of the core: it checks ids, takes the lock and delegates to {@link Transitions}, {@link TimeRules}
 * and {@link Snapshots}. It is the one place where the lock is taken, so every entry point (about 35, a few lines
 * each) sits here and nothing else can touch the tenant's state unlocked; that is why it is this long.
 */
public final class Scheduler {

  private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);

  private final Object lock = new Object();
  private final Clock clock;
  private final EngineTimings timings;
  private final String tenantId;
  private final WorkflowRegistry registry;
  private final TenantState s = new TenantState();
  private final RunJanitor janitor;
  private final Transitions tx;
  private final TimeRules timeRules;
  private final PayloadLimits limits;
  private final DurableTasks durable;

  public Scheduler(Clock clock, EngineTimings timings, String tenantId, WorkflowRegistry registry) {
    this(clock, timings, tenantId, registry, PayloadLimits.defaults());
  }

  public Scheduler(Clock clock, EngineTimings timings, String tenantId, WorkflowRegistry registry,
      PayloadLimits limits) {
    this.limits = limits;
    this.clock = clock;
    this.timings = timings;
    this.tenantId = tenantId;
    this.registry = registry;
    this.janitor = new RunJanitor(timings);
    this.tx = new Transitions(s, janitor, timings.heartbeatTimeout().toMillis());
    this.timeRules = new TimeRules(s, tx, janitor, timings);
    this.durable = new DurableTasks(this, s, tx, clock);
  }

  public String tenantId() {
    return tenantId;
  }

  public WorkflowRegistry registry() {
    return registry;
  }

  /** The durable tasks' event logs and waits (the V1Dispatcher's DurableTask stream and legacy pair). */
  public DurableTasks durable() {
    return durable;
  }

  // ---- workers -------------------------------------------------------------------------------------------------

  /** Registers a new worker (every Register creates a new id) and returns its id. */
  public String register(String name, List<String> actions, Map<String, Integer> slots, Map<String, String> labels,
      String sdk) {
    return locked(() -> {
      WorkerState w = new WorkerState(Ids.uuid(), name, actions, slots, sdk, now());
      w.labels.putAll(labels);
      s.workers.put(w.id, w);
      for (String a : w.actions) {
        s.workersByAction.computeIfAbsent(a, k -> new ArrayList<>()).add(w);
      }
      LOG.info("worker '{}' registered as {} with slots {} for {}", name, w.id, slots, actions);
      return w.id;
    });
  }

  /** Attaches the worker's Listen stream (replacing an older one) and hands it queued work. */
  public void listen(String workerId, ActionSink sink, boolean legacy) {
    locked(() -> {
      WorkerState w = worker(workerId);
      if (w.unsubscribed) {
        throw EngineException.precondition("worker_id = " + workerId + " has unsubscribed; register again to get work");
      }
      if (w.listener != null && w.listener != sink) {
        w.listener.close();
      }
      long now = now();
      w.listener = sink;
      w.legacyListener = legacy;
      w.everListened = true;
      w.lastListenerMillis = now;
      if (legacy) {
        w.lastHeartbeatMillis = now;
      }
      tx.drain(w, now);
      return null;
    });
  }

  /** The worker's stream ended (client cancel or error); its running tasks stay assigned. */
  public void listenerClosed(String workerId, ActionSink sink) {
    locked(() -> {
      WorkerState w = s.workers.get(workerId);
      if (w != null && w.listener == sink) {
        w.listener = null;
        w.lastListenerMillis = now();
      }
      return null;
    });
  }

  /** Records a heartbeat; a worker that just became assignable again gets queued work. */
  public void heartbeat(String workerId) {
    locked(() -> {
      WorkerState w = worker(workerId);
      if (w.everListened && w.listener == null) {
        throw EngineException.precondition("Heartbeat rejected: worker stream is not active; open ListenV2 again for worker "
            + workerId);
      }
      long now = now();
      boolean was = tx.assignable(w, now);
      w.lastHeartbeatMillis = now;
      if (!was) {
        tx.drain(w, now);
      }
      return null;
    });
  }

  /** Removes the worker from the pool: no new work, its stream is closed. */
  public void unsubscribe(String workerId) {
    locked(() -> {
      WorkerState w = worker(workerId);
      w.unsubscribed = true;
      if (w.listener != null) {
        w.listener.close();
        w.listener = null;
      }
      LOG.info("worker '{}' ({}) unsubscribed", w.name, w.id);
      return null;
    });
  }

  /** Merges labels into the worker's labels. */
  public void upsertLabels(String workerId, Map<String, String> labels) {
    locked(() -> {
      worker(workerId).labels.putAll(labels);
      return null;
    });
  }

  /** Pauses (no new assignments) or resumes a worker and returns its new view. */
  public WorkerView setPaused(String workerId, boolean paused) {
    return locked(() -> {
      WorkerState w = worker(workerId);
      if (w.paused != paused) {
        LOG.info("worker '{}' ({}) {}", w.name, w.id, paused ? "paused" : "resumed");
      }
      w.paused = paused;
      long now = now();
      if (!paused) {
        tx.drain(w, now);
      }
      return Snapshots.worker(w, now, heartbeatMillis());
    });
  }

  // ---- runs ----------------------------------------------------------------------------------------------------

  /** Starts runs for every request (all or none are checked first) and returns their ids in order. */
  public List<String> trigger(List<TriggerRequest> requests) {
    TriggerPlan plan = TriggerPlan.of(registry, limits, requests);
    List<WorkflowDef> defs = plan.defs();
    long[] sizes = plan.sizes();
    String[] keys = plan.keys();
    long needed = plan.total();
    return locked(() -> {
      PayloadBudget.checkHeld(limits, s.heldPayloadBytes, needed);
      List<String> ids = new ArrayList<>(requests.size());
      List<IdempotencyCollision.Collision> collisions = new ArrayList<>();
      long now = now();
      for (int i = 0; i < requests.size(); i++) {
        String dup = s.children.existing(requests.get(i), s.runs);
        if (dup != null) {
          ids.add(dup);
          continue;
        }
        String holder = keys[i] == null ? null : s.idempotency.holder(keys[i], now);
        if (holder != null) {
          collisions.add(new IdempotencyCollision.Collision(holder, Ids.uuid()));
          continue;
        }
        WorkflowRun run = tx.start(defs.get(i), requests.get(i), now, sizes[i]);
        if (keys[i] != null) {
          run.idempotencyKey = keys[i];
          s.idempotency.claim(keys[i], run.id, now + defs.get(i).idempotency().ttlMs());
        }
        s.children.record(requests.get(i), run.id);
        ids.add(run.id);
      }
      if (!collisions.isEmpty()) {
        throw new IdempotencyCollision(ids, collisions);
      }
      return ids;
    });
  }

  /** Creates or updates a rate limit (PutRateLimit) and lets the tasks waiting for it try again. */
  public void putRateLimit(String key, int limit, String window) {
    RateLimits.check(key, limit);
    locked(() -> {
      long now = now();
      s.rateLimits.put(key, limit, window, now);
      tx.retryRateLimited(now, true);
      return null;
    });
  }

  /** How many rate-limit keys the engine holds (PutRateLimit keys, and dynamic keys not yet forgotten). */
  public int rateLimitKeys() {
    return locked(s.rateLimits::size);
  }

  /** Checks a request as a trigger would (workflow, priority, input size, idempotency key) without starting it. */
  public void check(TriggerRequest r) {
    TriggerPlan.of(registry, limits, List.of(r));
  }

  /** Input bytes held by unfinished runs (bounded by the {@link PayloadLimits}). */
  public long payloadBytesHeld() {
    return locked(() -> s.heldPayloadBytes);
  }

  /** Starts one run and returns its id. */
  public String trigger(TriggerRequest request) {
    return trigger(List.of(request)).get(0);
  }

  /** Triggers every workflow whose event triggers contain {@code key}, pushed with {@code scope} (null for none). */
  public List<String> triggerEvent(String eventId, String key, String scope, TriggerRequest base) {
    List<TriggerRequest> reqs = EventFilters.requests(registry, eventId, key, scope, base);
    try {
      return reqs.isEmpty() ? List.of() : trigger(reqs);
    } catch (IdempotencyCollision c) {
      // as in Hatchet, an event's runs whose keys are held are skipped, not reported to the event's sender
      LOG.info("event {} ('{}'): runs skipped, their idempotency keys are held: {}", eventId, key, c.collisions());
      return c.started();
    }
  }

  /** A task event from a worker: STARTED/ACKNOWLEDGED, COMPLETED, FAILED or CANCELLED. */
  public void taskEvent(String taskId, TaskEventKind kind, String payload, Integer retryCount, boolean shouldNotRetry) {
    locked(() -> {
      TaskRun t = task(taskId);
      if (retryCount != null && retryCount != t.retryCount) {
        LOG.debug("ignoring {} for task {} attempt {}: the task is on attempt {}", kind, taskId, retryCount, t.retryCount);
        return null;
      }
      long now = now();
      switch (kind) {
        case STARTED -> tx.notify(t, "STARTED", "");
        case COMPLETED -> {
          if (tx.settled(t, TaskState.COMPLETED)) {
            String problem = payload.isEmpty() ? null : Json.problem(payload, false);
            if (problem != null || payload.indexOf('\u0000') >= 0) {
              tx.fail(t, "the task's output is not valid JSON (" + (problem == null ? "contains \\u0000" : problem)
                  + "); return a JSON-serialisable object", true, now);
            } else {
              tx.complete(t, payload.isEmpty() ? "null" : payload, now);
            }
          }
        }
        case FAILED -> {
          if (tx.settled(t, TaskState.FAILED)) {
            tx.fail(t, payload.isEmpty() ? "task failed without an error message" : payload, shouldNotRetry, now);
          }
        }
        case CANCELLED -> tx.cancel(t, "Task was cancelled by its worker", now);
        default -> { }
      }
      return null;
    });
  }

  /** Extends a running task's timeout by {@code increment} and returns the new timeout (epoch millis). */
  public long refreshTimeout(String taskId, java.time.Duration increment) {
    return locked(() -> {
      TaskRun t = task(taskId);
      if (t.state != TaskState.RUNNING) {
        throw EngineException.precondition("task_run_external_id = " + taskId + " is " + t.state
            + "; only a running task's timeout can be refreshed");
      }
      t.timeoutAtMillis = Math.max(t.timeoutAtMillis, now()) + increment.toMillis();
      return t.timeoutAtMillis;
    });
  }

  /** Frees the slot of a running task early (the task keeps running). */
  public void releaseSlot(String taskId) {
    locked(() -> {
      TaskRun t = task(taskId);
      if (t.state == TaskState.RUNNING && t.holdsSlot) {
        t.holdsSlot = false;
        t.worker.give(t.def);
        tx.drain(t.worker, now());
      }
      return null;
    });
  }

  /** Cancels tasks given by task or run id; returns the cancelled task ids. */
  public List<String> cancel(List<String> ids) {
    return locked(() -> {
      List<TaskRun> targets = tx.resolve(ids);
      List<String> out = new ArrayList<>();
      long now = now();
      for (TaskRun t : targets) {
        if (tx.cancel(t, "Task was cancelled", now)) {
          out.add(t.externalId);
        }
      }
      return out;
    });
  }

  /** Runs finished tasks (given by task or run id) again, with their downstream tasks; returns the replayed ids. */
  public List<String> replay(List<String> ids) {
    return locked(() -> {
      List<TaskRun> targets = tx.resolve(ids);
      List<String> out = new ArrayList<>();
      long now = now();
      for (TaskRun t : targets) {
        if (t.state.terminal()) {
          tx.reset(t, out);
        }
      }
      for (String id : out) {
        TaskRun t = s.tasks.get(id);
        if (t.pendingParents == 0 && t.state == TaskState.PENDING) {
          tx.conditions().ready(t, now);
        }
      }
      return out;
    });
  }

  /** Watches a run; answers at once when it has already finished. */
  public void observe(String runId, RunObserver o) {
    locked(() -> {
      WorkflowRun run = s.runs.get(runId);
      if (run == null) {
        throw EngineException.notFound("workflow_run_id = " + runId + " is not a run of this engine (runs are kept "
            + timings.runRetention().toMinutes() + " min after they finish and lost on restart)");
      }
      if (run.finished()) {
        o.runFinished(run);
      } else {
        s.observers.computeIfAbsent(runId, k -> new ArrayList<>()).add(o);
      }
      return null;
    });
  }

  /** Stops watching a run. */
  public void forget(String runId, RunObserver o) {
    locked(() -> {
      List<RunObserver> list = s.observers.get(runId);
      if (list != null && list.remove(o) && list.isEmpty()) {
        s.observers.remove(runId);
      }
      return null;
    });
  }

  /** Forwards a stream chunk from a running task to the run's watchers. */
  public void streamEvent(String taskId, String payload) {
    locked(() -> {
      tx.notify(task(taskId), "STREAM", payload);
      return null;
    });
  }

  /** Runs {@code f} on the run under the lock (to build a response); NOT_FOUND when unknown. */
  public <T> T readRun(String runId, Function<WorkflowRun, T> f) {
    return locked(() -> {
      WorkflowRun run = s.runs.get(runId);
      if (run == null) {
        throw EngineException.notFound("external_id = " + runId + " is not a run of this engine");
      }
      return f.apply(run);
    });
  }

  /** Runs {@code f} on the task under the lock; NOT_FOUND when unknown. */
  public <T> T readTask(String taskId, Function<TaskRun, T> f) {
    return locked(() -> f.apply(task(taskId)));
  }

  // ---- views ---------------------------------------------------------------------------------------------------

  /** All known workers, oldest first. */
  public List<WorkerView> workers() {
    return locked(() -> {
      long now = now();
      return s.workers.values().stream().sorted((a, b) -> Long.compare(a.createdAtMillis, b.createdAtMillis))
          .map(w -> Snapshots.worker(w, now, heartbeatMillis())).toList();
    });
  }

  /** One worker; NOT_FOUND when unknown. */
  public WorkerView worker(String field, String id) {
    return locked(() -> {
      WorkerState w = s.workers.get(id);
      if (w == null) {
        throw EngineException.notFound(field + " = " + id + " is not a worker of this tenant");
      }
      return Snapshots.worker(w, now(), heartbeatMillis());
    });
  }

  /**
   * Whether the worker's pause flag is set (PATCH isPaused), even when its status shows INACTIVE because it left:
   * the status alone cannot tell that a worker paused itself before leaving.
   */
  public boolean isPaused(String workerId) {
    return locked(() -> worker(workerId).paused);
  }

  /** Queued and running figures per task name; names asked for are zero-filled, null means every known name. */
  public Map<String, TaskStat> taskStats(List<String> names) {
    return locked(() -> Snapshots.taskStats(s, names));
  }

  /** Runs created in [since, until] of these workflows (all when empty), by status, as Hatchet's task-metrics. */
  public Map<TaskState, Long> taskMetrics(long since, long until, java.util.Set<String> workflowIds) {
    return locked(() -> Snapshots.taskMetrics(s, since, until, workflowIds));
  }

  /** Live queued tasks per action id with the workflow name of each action. */
  public Map<String, Integer> queueSizes() {
    return locked(s.queues::sizes);
  }

  /** The task counters since start. */
  public EngineCounters counters() {
    return locked(s::counters);
  }

  // ---- time ----------------------------------------------------------------------------------------------------

  /** Applies every time-based rule: timeouts, retries due, reassignment, legacy heartbeats, retention. */
  public void sweep() {
    locked(() -> {
      timeRules.apply(now());
      durable.sweep(now());
      return null;
    });
  }

  // ---- helpers -------------------------------------------------------------------------------------------------

  private WorkerState worker(String id) {
    WorkerState w = s.workers.get(Ids.require("worker_id", id));
    if (w == null) {
      throw EngineException.notFound("worker_id = " + id + " is not a registered worker; call Register first");
    }
    return w;
  }

  TaskRun task(String id) {
    TaskRun t = s.tasks.get(Ids.require("task_run_external_id", id));
    if (t == null) {
      throw EngineException.notFound("task_run_external_id = " + id + " is not a task of this engine (tasks are"
          + " forgotten " + timings.runRetention().toMinutes() + " min after their run ends, and on restart)");
    }
    return t;
  }

  private long heartbeatMillis() {
    return timings.heartbeatTimeout().toMillis();
  }

  private long now() {
    return clock.millis();
  }

  <T> T locked(java.util.function.Supplier<T> body) {
    synchronized (lock) {
      return body.get();
    }
  }
}
