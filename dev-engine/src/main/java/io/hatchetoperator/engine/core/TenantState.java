package io.hatchetoperator.engine.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Everything one tenant holds in memory; plain fields, guarded by the {@link Scheduler}'s lock. */
final class TenantState {

  final TaskQueues queues = new TaskQueues();
  final ConcurrencyGate gate = new ConcurrencyGate();
  final RateLimits rateLimits = new RateLimits();
  final IdempotencyKeys idempotency = new IdempotencyKeys();
  /** Queued tasks whose rate limits were exhausted, out of their queue until a refill (Hatchet's rate-limited items). */
  final List<TaskRun> rateLimited = new ArrayList<>();
  final Map<String, WorkerState> workers = new HashMap<>();
  final Map<String, List<WorkerState>> workersByAction = new HashMap<>();
  final Map<String, WorkflowRun> runs = new HashMap<>();
  final Map<String, TaskRun> tasks = new HashMap<>();
  final Set<TaskRun> running = new LinkedHashSet<>();
  final List<TaskRun> retryWait = new ArrayList<>();
  final Map<String, List<RunObserver>> observers = new HashMap<>();
  final RunTally tally = new RunTally();
  final ChildRuns children = new ChildRuns();
  long heldPayloadBytes;
  long created;
  long assigned;
  long succeeded;
  long failed;
  long cancelled;
  long retried;
  long reassigned;
  long timedOut;

  EngineCounters counters() {
    return new EngineCounters(created, assigned, succeeded, failed, cancelled, retried, reassigned, timedOut);
  }
}
