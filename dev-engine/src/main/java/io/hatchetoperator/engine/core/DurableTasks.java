package io.hatchetoperator.engine.core;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Durable tasks as Hatchet's V1Dispatcher serves them (internal/services/dispatcher/server_v1.go): each call of the
 * DurableTask stream is recorded in the task's {@link DurableLog}, answered with its entry ref, and completed later
 * (a sleep's deadline on the engine clock, a pushed user event, a child run's end) with entry_completed on the stream
 * that last spoke for the task. Every method takes the scheduler's lock.
 */
public final class DurableTasks {

  private static final Logger LOG = LoggerFactory.getLogger(DurableTasks.class);

  private final Scheduler scheduler;
  private final TenantState s;
  private final Clock clock;
  private final DurableMatches matches;
  private final DurableEviction eviction;
  /** DAG tasks waiting for their wait_for / skip_if / cancel_if events are fed the same pushed events. */
  private final DagConditions conditions;
  /** The stream that last sent a call for a task: where its completions go (Hatchet's durableInvocations). */
  private final Map<String, DurableSink> sinks = new HashMap<>();
  private long nextCleanupMillis;

  DurableTasks(Scheduler scheduler, TenantState s, Transitions tx, Clock clock) {
    this.scheduler = scheduler;
    this.s = s;
    this.clock = clock;
    this.matches = new DurableMatches(new RecentEvents(DurableSettings.RECENT_EVENTS, DurableSettings.RECENT_EVENT_AGE));
    this.eviction = new DurableEviction(s, tx);
    this.conditions = tx.conditions();
  }

  /** wait_for: records the wait (deadlines fixed now), acks its node, and completes it when satisfied. */
  public void waitFor(String taskId, int invocation, List<DurableCondition> conditions, DurableSink sink) {
    scheduler.locked(() -> {
      TaskRun t = durable(taskId);
      long now = clock.millis();
      DurableLog.Appended a = append(t, invocation, LogEntry.Kind.WAIT_FOR, List.of(DurableKeys.waitFor(conditions)),
          List.of(DurableKeys.describe(conditions)), sink);
      if (a == null) {
        return null;
      }
      LogEntry e = a.entry();
      if (!a.existed()) {
        e.wait = new DurableWait(conditions, now);
        matches.watch(t, e, now);
      }
      sink.waitForAck(taskId, invocation, e.branchId, e.nodeId);
      if (e.satisfied) {
        sink.entryCompleted(taskId, invocation, e.branchId, e.nodeId, e.result, e.failure, e.errorMessage);
      }
      return null;
    });
  }

  /** memo: a hit returns the stored value (memo_already_existed); a miss records the node for complete_memo. */
  public void memo(String taskId, int invocation, String key, String payload, DurableSink sink) {
    scheduler.locked(() -> {
      TaskRun t = durable(taskId);
      DurableLog.Appended a = append(t, invocation, LogEntry.Kind.MEMO, List.of(key), List.of("memo " + key), sink);
      if (a == null) {
        return null;
      }
      LogEntry e = a.entry();
      if (!a.existed() && payload != null) {
        e.satisfy(payload);
      }
      sink.memoAck(taskId, invocation, e.branchId, e.nodeId, a.existed(), e.satisfied ? e.result : null);
      if (e.satisfied) {
        sink.entryCompleted(taskId, invocation, e.branchId, e.nodeId, e.result, false, null);
      }
      return null;
    });
  }

  /** complete_memo: stores the value the worker computed at a memo node (Hatchet's CompleteMemoEntry). */
  public void completeMemo(String taskId, int invocation, long branchId, long nodeId, String key, String payload,
      DurableSink sink) {
    scheduler.locked(() -> {
      TaskRun t = durable(taskId);
      LogEntry e = t.durable.entry(branchId, nodeId);
      if (e == null || e.kind != LogEntry.Kind.MEMO || !e.key.equals(key)) {
        sink.refused(taskId, invocation, "complete_memo.ref.node_id = " + nodeId + " of task " + taskId
            + " is not the memo of this key; send complete_memo with the ref of the memo_ack");
      } else if (!e.satisfied) {
        e.satisfy(payload);
      }
      return null;
    });
  }

  /** trigger_runs: starts the children not recorded yet (as children of the task), acks every child's node. */
  public void triggerRuns(String taskId, int invocation, List<TriggerRequest> requests, DurableSink sink) {
    scheduler.locked(() -> {
      TaskRun t = durable(taskId);
      try {
        requests.forEach(scheduler::check);
      } catch (EngineException ex) {
        sink.refused(taskId, invocation, "trigger_runs of task " + taskId + ": " + ex.getMessage());
        return null;
      }
      List<String> keys = new ArrayList<>();
      List<String> calls = new ArrayList<>();
      for (TriggerRequest r : requests) {
        keys.add(DurableKeys.run(r));
        calls.add("run of workflow '" + r.workflowName() + "'");
      }
      List<DurableLog.Appended> added = appendAll(t, invocation, keys, calls, sink);
      if (added == null) {
        return null;
      }
      List<TriggerRequest> fresh = new ArrayList<>();
      for (int i = 0; i < added.size(); i++) {
        if (!added.get(i).existed()) {
          fresh.add(requests.get(i));
        }
      }
      List<String> ids = fresh.isEmpty() ? List.of() : scheduler.trigger(fresh);
      List<DurableSink.RunRef> refs = new ArrayList<>();
      int next = 0;
      for (DurableLog.Appended a : added) {
        LogEntry e = a.entry();
        if (!a.existed()) {
          e.childRunId = ids.get(next++);
          scheduler.observe(e.childRunId, new ChildWatch(t, e));
        }
        refs.add(new DurableSink.RunRef(e.nodeId, e.branchId, e.childRunId));
      }
      sink.runsAck(taskId, invocation, refs);
      for (DurableLog.Appended a : added) {
        LogEntry e = a.entry();
        if (e.satisfied) {
          sink.entryCompleted(taskId, invocation, e.branchId, e.nodeId, e.result, e.failure, e.errorMessage);
        }
      }
      return null;
    });
  }

  /** An entry a worker polls for (worker_status): stale invocations are evicted, satisfied ones re-delivered. */
  public record Waiting(String taskId, int invocation, long branchId, long nodeId) {}

  /** worker_status (Hatchet's handleWorkerStatus). */
  public void workerStatus(List<Waiting> waiting, DurableSink sink) {
    scheduler.locked(() -> {
      Set<String> evicted = new LinkedHashSet<>();
      for (Waiting w : waiting) {
        TaskRun t = s.tasks.get(w.taskId());
        if (t == null || t.durable == null) {
          continue;
        }
        int current = t.durable.invocation();
        if (w.invocation() < current) {
          if (evicted.add(w.taskId())) {
            sink.serverEvict(w.taskId(), w.invocation(), "stale invocation: server has " + current + ", worker sent "
                + w.invocation());
          }
          continue;
        }
        sinks.put(w.taskId(), sink);
        LogEntry e = t.durable.entry(w.branchId(), w.nodeId());
        if (e != null && e.satisfied) {
          sink.entryCompleted(w.taskId(), w.invocation(), e.branchId, e.nodeId, e.result, e.failure, e.errorMessage);
        }
      }
      return null;
    });
  }

  /** evict_invocation: frees the task's slot; it is queued again (invocation + 1) once its wait is satisfied. */
  public void evict(String taskId, int invocation, String reason, DurableSink sink) {
    scheduler.locked(() -> {
      TaskRun t = durable(taskId);
      eviction.evict(t, invocation, reason, clock.millis());
      sink.evictionAck(taskId, invocation);
      return null;
    });
  }

  /** RestoreEvictedTask: an evicted task is queued again at once (true), else nothing happens (false). */
  public boolean restore(String taskId) {
    return scheduler.locked(() -> eviction.restoreNow(scheduler.task(taskId), clock.millis()));
  }

  /** Where a branch starts: the node forked from and the new branch. */
  public record Branch(long nodeId, long branchId) {}

  /**
   * BranchDurableTask (Hatchet's admin BranchDurableTask and handleBranch): forks the finished task's log at a node of
   * a branch (0: its latest) and replays the task, which re-executes from that node and gets its earlier calls back.
   */
  public Branch branch(String taskId, long nodeId, long branchId) {
    return scheduler.locked(() -> {
      TaskRun t = durable(taskId);
      long latest = t.durable.latestBranch();
      if (nodeId < 1) {
        throw EngineException.invalid("node_id = " + nodeId + " is not a node; durable log nodes start at 1");
      }
      if (branchId < 0 || branchId > latest) {
        throw EngineException.invalid("branch_id = " + branchId + " is not a branch of task " + taskId
            + "'s durable log (1.." + latest + "); pass the branch of the node to fork from, or 0 for the latest");
      }
      if (!t.state.terminal()) {
        throw EngineException.precondition("task_external_id = " + taskId + " is " + t.state + "; the dev engine"
            + " branches a durable task once it has finished (cancel it first)");
      }
      long next = t.durable.branch(nodeId, branchId == 0 ? latest : branchId);
      scheduler.replay(List.of(taskId));
      return new Branch(nodeId, next);
    });
  }

  /** Whether the task is evicted (GetRunDetails' is_evicted). */
  public boolean evicted(String taskId) {
    return scheduler.locked(() -> eviction.isEvicted(scheduler.task(taskId)));
  }

  /** The stream ended: its tasks' completions wait for the next stream that speaks for them (worker_status). */
  public void detach(DurableSink sink) {
    scheduler.locked(() -> sinks.values().removeIf(v -> v == sink));
  }

  /** RegisterDurableEvent (legacy): a wait under a signal key, matched like wait_for. */
  public void registerSignal(String taskId, String signalKey, List<DurableCondition> conditions) {
    scheduler.locked(() -> {
      TaskRun t = scheduler.task(taskId);
      long now = clock.millis();
      matches.legacy().register(t, signalKey, new DurableWait(conditions, now), now);
      return null;
    });
  }

  /** ListenForDurableEvent (legacy): the signal's data once satisfied. */
  public void listenSignal(String taskId, String signalKey, DurableSignalSink sink) {
    scheduler.locked(() -> {
      matches.legacy().listen(taskId, signalKey, sink);
      return null;
    });
  }

  public void unlisten(DurableSignalSink sink) {
    scheduler.locked(() -> {
      matches.legacy().unlisten(sink);
      return null;
    });
  }

  /** A user event was pushed (Push / BulkPush): it may satisfy waits and task conditions; kept for lookback. */
  public void eventPushed(String key, String scope, String payloadJson) {
    scheduler.locked(() -> {
      matches.pushed(key, scope, payloadJson, clock.millis(), this::satisfied);
      conditions.pushed(key, payloadJson, clock.millis());
      return null;
    });
  }

  /** The engine clock moved (called from the scheduler's sweep with its lock held). */
  void sweep(long now) {
    matches.tick(now, this::satisfied);
    if (now >= nextCleanupMillis) {
      nextCleanupMillis = now + DurableSettings.CLEANUP_EVERY_MILLIS;
      eviction.forgetFinished();
      sinks.keySet().removeIf(id -> s.tasks.get(id) == null || s.tasks.get(id).state.terminal());
    }
  }

  /** How many waits are held unsatisfied. */
  public int waitsHeld() {
    return scheduler.locked(matches::held);
  }

  private void satisfied(TaskRun t, LogEntry e) {
    if (eviction.restore(t, e, clock.millis())) {
      return;
    }
    DurableSink sink = sinks.get(t.externalId);
    if (sink != null && t.state == TaskState.RUNNING) {
      sink.entryCompleted(t.externalId, t.durable.invocation(), e.branchId, e.nodeId, e.result, e.failure,
          e.errorMessage);
    }
  }

  private TaskRun durable(String taskId) {
    TaskRun t = scheduler.task(taskId);
    if (t.durable == null) {
      throw EngineException.invalid("durable_task_external_id = " + taskId + " is task '" + t.def.readableId()
          + "', which is not durable (is_durable = false); declare it as a durable task to use the durable log");
    }
    return t;
  }

  private DurableLog.Appended append(TaskRun t, int invocation, LogEntry.Kind kind, List<String> keys,
      List<String> calls, DurableSink sink) {
    List<DurableLog.Appended> all = appendKind(t, invocation, kind, keys, calls, sink);
    return all == null ? null : all.get(0);
  }

  private List<DurableLog.Appended> appendAll(TaskRun t, int invocation, List<String> keys, List<String> calls,
      DurableSink sink) {
    return appendKind(t, invocation, LogEntry.Kind.RUN, keys, calls, sink);
  }

  /** Appends, or answers the refusal as Hatchet does (server_evict for a stale invocation, NONDETERMINISM). */
  private List<DurableLog.Appended> appendKind(TaskRun t, int invocation, LogEntry.Kind kind, List<String> keys,
      List<String> calls, DurableSink sink) {
    try {
      List<DurableLog.Appended> added = t.durable.append(invocation, kind, keys, calls);
      sinks.put(t.externalId, sink);
      return added;
    } catch (DurableRefusal.Stale e) {
      sink.serverEvict(t.externalId, e.sent(), e.getMessage());
    } catch (DurableRefusal.NonDeterminism e) {
      LOG.info("{}", e.getMessage());
      sink.nonDeterminism(t.externalId, invocation, e.branchId(), e.nodeId(), e.getMessage());
    }
    return null;
  }

  /** Satisfies a RUN entry when its child run ends: its output, or its error as a failure. */
  private final class ChildWatch implements RunObserver {
    private final TaskRun parent;
    private final LogEntry entry;

    ChildWatch(TaskRun parent, LogEntry entry) {
      this.parent = parent;
      this.entry = entry;
    }

    @Override
    public void runFinished(WorkflowRun run) {
      if (run.status() == TaskState.COMPLETED) {
        entry.satisfy(DurableKeys.output(run));
      } else {
        entry.fail(DurableKeys.error(run));
      }
      satisfied(parent, entry);
    }
  }
}
