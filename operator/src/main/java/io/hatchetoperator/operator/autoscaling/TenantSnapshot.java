package io.hatchetoperator.operator.autoscaling;

import io.hatchetoperator.operator.engine.EngineWorker;
import io.hatchetoperator.operator.engine.TaskStats;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One poll of one tenant: the task stats of the union of its pools' tasks and its worker list, or the
 * failure that prevented reading them.
 *
 * @param tenant whose figures these are
 * @param polledAt when the poll started (figures are at least this fresh)
 * @param stats per task name; empty on failure
 * @param workers the tenant's workers; empty on failure
 * @param failure why the poll failed, or null
 * @param latency how long the poll took
 * @param completed per pool key: finished runs of the pool's workflows counted so far (a monotonic
 *     counter, see {@link CompletionCounter}); a pool without a count this poll is absent
 * @param requests REST requests the poll made
 */
public record TenantSnapshot(TenantKey tenant, Instant polledAt, Map<String, TaskStats> stats,
    List<EngineWorker> workers, PollFailure failure, Duration latency, Map<String, Long> completed,
    int requests) {

  /** Copies the collections. */
  public TenantSnapshot {
    stats = Map.copyOf(stats);
    workers = List.copyOf(workers);
    completed = Map.copyOf(completed);
  }

  /** A successful poll without completion counts. */
  public static TenantSnapshot of(TenantKey tenant, Instant at, Map<String, TaskStats> stats,
      List<EngineWorker> workers, Duration latency) {
    return new TenantSnapshot(tenant, at, stats, workers, null, latency, Map.of(), 2);
  }

  /** A successful poll. */
  public static TenantSnapshot of(TenantKey tenant, Instant at, Map<String, TaskStats> stats,
      List<EngineWorker> workers, Duration latency, Map<String, Long> completed, int requests) {
    return new TenantSnapshot(tenant, at, stats, workers, null, latency, completed, requests);
  }

  /** The pool's completion counter, or -1 when this poll has none for it. */
  public long completedTotal(String pool) {
    Long total = completed.get(pool);
    return total == null ? -1 : total;
  }

  /** A failed poll. */
  public static TenantSnapshot failed(TenantKey tenant, Instant at, PollFailure failure,
      Duration latency) {
    return new TenantSnapshot(tenant, at, Map.of(), List.of(), failure, latency, Map.of(), 0);
  }

  /** The failure, if the poll failed. */
  public Optional<PollFailure> error() {
    return Optional.ofNullable(failure);
  }

  /** True when the figures were read. */
  public boolean ok() {
    return failure == null;
  }
}
