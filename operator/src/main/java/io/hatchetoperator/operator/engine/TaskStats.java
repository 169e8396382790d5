package io.hatchetoperator.operator.engine;

import java.time.Instant;
import java.util.Optional;

/**
 * One task's counts from {@code GET /api/v1/tenants/{t}/task-stats}.
 *
 * @param task the task's readable id, as the engine keys it
 * @param queued tasks waiting for a slot (queue items, retries and rate-limited ones)
 * @param running tasks assigned to a worker
 * @param oldestQueued when the oldest queued task was enqueued, if any is queued and the engine says
 */
public record TaskStats(String task, long queued, long running, Optional<Instant> oldestQueued) {

  /** Validates the counts. */
  public TaskStats {
    if (queued < 0 || running < 0) {
      throw new IllegalArgumentException(
          "task " + task + ": queued (" + queued + ") and running (" + running + ") must be >= 0");
    }
    oldestQueued = oldestQueued == null ? Optional.empty() : oldestQueued;
  }

  /** The stats of a task the engine has nothing for. */
  public static TaskStats empty(String task) {
    return new TaskStats(task, 0, 0, Optional.empty());
  }
}
