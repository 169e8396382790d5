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
 */
public record TenantSnapshot(TenantKey tenant, Instant polledAt, Map<String, TaskStats> stats,
    List<EngineWorker> workers, PollFailure failure, Duration latency) {

  /** Copies the collections. */
  public TenantSnapshot {
    stats = Map.copyOf(stats);
    workers = List.copyOf(workers);
  }

  /** A successful poll. */
  public static TenantSnapshot of(TenantKey tenant, Instant at, Map<String, TaskStats> stats,
      List<EngineWorker> workers, Duration latency) {
    return new TenantSnapshot(tenant, at, stats, workers, null, latency);
  }

  /** A failed poll. */
  public static TenantSnapshot failed(TenantKey tenant, Instant at, PollFailure failure,
      Duration latency) {
    return new TenantSnapshot(tenant, at, Map.of(), List.of(), failure, latency);
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
