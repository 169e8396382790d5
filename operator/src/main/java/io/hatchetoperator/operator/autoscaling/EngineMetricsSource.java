package io.hatchetoperator.operator.autoscaling;

import io.hatchetoperator.autoscaler.orchestrator.MetricsReading;
import io.hatchetoperator.autoscaler.orchestrator.PoolMetricsSource;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link PoolMetricsSource} over the tenant pollers: answers from the latest poll of the pool's tenant
 * and the pool's Kubernetes view, set by the reconciler just before the tick. Never blocks on I/O.
 */
public final class EngineMetricsSource implements PoolMetricsSource {

  private final EnginePollers pollers;
  private final Clock clock;
  private final Map<String, PoolView> views = new ConcurrentHashMap<>();

  /** A source over {@code pollers}. */
  public EngineMetricsSource(EnginePollers pollers, Clock clock) {
    this.pollers = pollers;
    this.clock = clock;
  }

  /** Sets the Kubernetes view the next {@link #read} of the pool uses. */
  public void view(PoolView view) {
    views.put(view.pool(), view);
  }

  /** The last view set for {@code pool}. */
  public Optional<PoolView> view(String pool) {
    return Optional.ofNullable(views.get(pool));
  }

  /** Forgets a deleted pool. */
  public void forget(String pool) {
    views.remove(pool);
  }

  @Override
  public MetricsReading read(String pool) {
    PoolView view = views.get(pool);
    if (view == null) {
      return MetricsReading.unavailable(0, "the pool was not observed yet", clock.instant());
    }
    Optional<TenantSnapshot> snapshot = pollers.latest(pool);
    if (snapshot.isEmpty() || snapshot.get() == null) {
      return MetricsReading.unavailable(view.currentReplicas(),
          "no poll of the engine has finished yet", clock.instant());
    }
    TenantSnapshot polled = snapshot.get();
    if (!polled.ok()) {
      return MetricsReading.unavailable(view.currentReplicas(), polled.failure().message(),
          polled.polledAt());
    }
    return MetricsReading.of(PoolInputsMapper.map(view, polled));
  }
}
