package io.hatchetoperator.operator.autoscaling;

import io.hatchetoperator.operator.engine.EngineApi;
import io.hatchetoperator.operator.engine.EngineApiException;
import io.hatchetoperator.operator.engine.EngineWorker;
import io.hatchetoperator.operator.engine.TaskStats;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls one engine tenant: per tick, one task-stats call for the union of its pools' tasks, one
 * worker list, and one task-metrics call per distinct set of its pools' workflows (plus the workflow
 * list every 5 minutes, see {@link CompletionCounter}), however many pools share the tenant. Backs off after failures. Registration methods are
 * thread-safe; {@link #poll()} runs on one poller thread at a time (guarded by {@link #tryStart()}).
 */
final class TenantPoller {

  private static final Logger LOG = LoggerFactory.getLogger(TenantPoller.class);

  private final TenantKey key;
  private final EngineApi api;
  private final Clock clock;
  private final PollBackoff backoff;
  private final CompletionCounter completions;
  private final Map<String, PoolInterest> pools = new ConcurrentHashMap<>();
  private final AtomicBoolean inFlight = new AtomicBoolean();
  private volatile TenantSnapshot latest;
  private volatile Instant nextDue = Instant.MIN;

  /** What one pool wants polled: its tasks, and how often. */
  record PoolInterest(Set<String> tasks, Duration interval) {}

  TenantPoller(TenantKey key, EngineApi api, Clock clock, AutoscalingSettings settings) {
    this.key = key;
    this.api = api;
    this.clock = clock;
    this.backoff = new PollBackoff(settings.backoffInitial(), settings.backoffMax());
    this.completions = new CompletionCounter(key.label());
  }

  TenantKey key() {
    return key;
  }

  EngineApi api() {
    return api;
  }

  void register(String pool, Set<String> tasks, Duration interval) {
    pools.put(pool, new PoolInterest(Set.copyOf(tasks), interval));
  }

  void unregister(String pool) {
    pools.remove(pool);
  }

  boolean isEmpty() {
    return pools.isEmpty();
  }

  Set<String> pools() {
    return Set.copyOf(pools.keySet());
  }

  TenantSnapshot latest() {
    return latest;
  }

  /** True when a poll is due now and none is running; the caller then must call {@link #poll()}. */
  boolean tryStart() {
    Instant now = clock.instant();
    if (pools.isEmpty() || now.isBefore(nextDue) || backoff.holds(now)) {
      return false;
    }
    return inFlight.compareAndSet(false, true);
  }

  /** Polls once (blocking) and returns the snapshot; releases {@link #tryStart()}'s claim. */
  TenantSnapshot poll() {
    Instant start = clock.instant();
    long t0 = System.nanoTime();
    try {
      Set<String> tasks = new TreeSet<>();
      Duration interval = null;
      for (PoolInterest interest : pools.values()) {
        tasks.addAll(interest.tasks());
        interval = interval == null || interest.interval().compareTo(interval) < 0
            ? interest.interval() : interval;
      }
      nextDue = start.plus(interval == null ? Duration.ofSeconds(2) : interval);
      TenantSnapshot snapshot = read(start, tasks, t0);
      latest = snapshot;
      return snapshot;
    } finally {
      inFlight.set(false);
    }
  }

  private TenantSnapshot read(Instant start, Set<String> tasks, long t0) {
    try {
      Map<String, TaskStats> stats = api.taskStats(tasks);
      List<EngineWorker> workers = api.workers();
      Map<String, Set<String>> tasksByPool = new java.util.HashMap<>();
      pools.forEach((pool, interest) -> tasksByPool.put(pool, interest.tasks()));
      Map<String, Long> completed = completions.read(start, tasksByPool, api);
      if (backoff.failures() > 0) {
        LOG.info("tenant {}: engine answering again after {} failed polls", key.label(),
            backoff.failures());
      }
      backoff.succeeded();
      return TenantSnapshot.of(key, start, stats, workers, elapsed(t0), completed,
          2 + completions.requests());
    } catch (EngineApiException e) {
      Duration wait = backoff.failed(clock.instant(), e.retryAfter().orElse(null));
      LOG.warn("tenant {}: poll failed ({}), next try in {} ms: {}", key.label(), e.kind(),
          wait.toMillis(), e.getMessage());
      return TenantSnapshot.failed(key, start, PollFailure.of(e), elapsed(t0));
    } catch (RuntimeException e) {
      backoff.failed(clock.instant(), null);
      LOG.error("tenant {}: poll failed unexpectedly", key.label(), e);
      return TenantSnapshot.failed(key, start, PollFailure.unexpected(e), elapsed(t0));
    }
  }

  private static Duration elapsed(long t0) {
    return Duration.ofNanos(System.nanoTime() - t0);
  }
}
