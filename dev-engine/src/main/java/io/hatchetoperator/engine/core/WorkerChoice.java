package io.hatchetoperator.engine.core;

import java.util.List;

/** Which worker gets a queued task: round robin, sticky (HARD/SOFT) and desired labels; under the scheduler's lock. */
final class WorkerChoice {

  private final TenantState s;
  private final long heartbeatMillis;
  private long rr;

  WorkerChoice(TenantState s, long heartbeatMillis) {
    this.s = s;
    this.heartbeatMillis = heartbeatMillis;
  }

  /**
   * Round robin over the candidates, so load spreads across workers, ranked as Hatchet ranks them
   * ({@code rankWorkerIds} in {@code pkg/scheduling/v1/scheduler.go}): a sticky task (HARD) only goes to its desired
   * worker, a SOFT one to its desired worker when that has room; otherwise a task with desired labels goes to the
   * eligible worker whose satisfied optional labels weigh most (round robin among equals). As in Hatchet, labels are
   * not consulted for a sticky workflow's tasks.
   */
  WorkerState pick(List<WorkerState> candidates, TaskRun t, long now) {
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
  static boolean eligible(WorkerState w, TaskRun t) {
    String sticky = t.run.workflow.sticky();
    if (sticky != null) {
      return !"HARD".equals(sticky) || t.desiredWorkerId == null || t.desiredWorkerId.equals(w.id);
    }
    return LabelRule.allows(t.labels(), w.labels);
  }

  /**
   * The worker a sticky task should run on: the worker of its first parent that ran, or for a root task the trigger's
   * desired worker (the SDKs send it for sticky child runs); Hatchet's {@code DesiredWorkerId} in
   * {@code pkg/repository/input.go} and {@code trigger.go}.
   */
  static String desiredWorker(TaskRun t) {
    for (String p : t.def.parents()) {
      TaskRun parent = t.run.tasks.get(p);
      if (parent != null && parent.lastWorkerId != null) {
        return parent.lastWorkerId;
      }
    }
    return t.run.request.desiredWorkerId();
  }
}
