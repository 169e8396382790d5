package io.hatchetoperator.operator.autoscaling;

import io.hatchetoperator.autoscaler.ScalingInputs;
import io.hatchetoperator.autoscaler.orchestrator.TickResult;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Set;

/**
 * Prometheus metrics of autoscaling: per pool the desired and current replicas, queued tasks, busy
 * slot share and decisions by reason; per engine tenant the fetch latency and errors. Also a
 * {@link EnginePollers.PollListener} that records every poll.
 */
public final class AutoscalingMetrics implements EnginePollers.PollListener {

  private final Gauge desired;
  private final Gauge current;
  private final Gauge queued;
  private final Gauge busyShare;
  private final Gauge unmatchedPods;
  private final Counter decisions;
  private final Histogram fetchSeconds;
  private final Counter fetchErrors;

  /** Registers the metrics in {@code registry}. */
  public AutoscalingMetrics(PrometheusRegistry registry) {
    desired = Gauge.builder().name("hatchet_autoscaling_desired_replicas")
        .help("Replicas the autoscaler wants for the pool").labelNames("namespace", "pool")
        .register(registry);
    current = Gauge.builder().name("hatchet_autoscaling_current_replicas")
        .help("Live (not terminating) pods of the pool").labelNames("namespace", "pool")
        .register(registry);
    queued = Gauge.builder().name("hatchet_autoscaling_queued_tasks")
        .help("Queued runs of the pool's tasks at the last poll").labelNames("namespace", "pool")
        .register(registry);
    busyShare = Gauge.builder().name("hatchet_autoscaling_busy_slot_ratio")
        .help("Busy share of the pool's ready slots at the last poll, 0 to 1")
        .labelNames("namespace", "pool").register(registry);
    unmatchedPods = Gauge.builder().name("hatchet_worker_operator_unmatched_pods")
        .help("Ready pods of the pool whose worker the operator cannot match to them (scale-down is"
            + " held while there are any, unless unmatchedWorkers is Terminate)")
        .labelNames("namespace", "pool").register(registry);
    decisions = Counter.builder().name("hatchet_autoscaling_decisions_total")
        .help("Scaling decisions by reason").labelNames("namespace", "pool", "reason")
        .register(registry);
    fetchSeconds = Histogram.builder().name("hatchet_autoscaling_engine_fetch_seconds")
        .help("Time to poll one engine tenant (task stats and worker list)")
        .labelNames("tenant").classicUpperBounds(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)
        .register(registry);
    fetchErrors = Counter.builder().name("hatchet_autoscaling_engine_fetch_errors_total")
        .help("Failed polls of an engine tenant by reason").labelNames("tenant", "reason")
        .register(registry);
  }

  @Override
  public void polled(TenantSnapshot snapshot, Set<String> pools) {
    String tenant = snapshot.tenant().label();
    fetchSeconds.labelValues(tenant).observe(snapshot.latency().toNanos() / 1e9);
    snapshot.error().ifPresent(e -> fetchErrors.labelValues(tenant, e.reason()).inc());
  }

  /** Records one tick of {@code pool}; {@code inputs} is null when metrics were unavailable. */
  public void recordTick(String pool, int desiredReplicas, TickResult tick, ScalingInputs inputs,
      int livePods) {
    String ns = PoolKeys.namespace(pool);
    String name = PoolKeys.name(pool);
    desired.labelValues(ns, name).set(desiredReplicas);
    current.labelValues(ns, name).set(livePods);
    decisions.labelValues(ns, name, tick.decision().reason().name()).inc();
    if (inputs != null) {
      queued.labelValues(ns, name).set(inputs.queued());
      busyShare.labelValues(ns, name).set(PoolStatusFields.busyShare(inputs));
      unmatchedPods.labelValues(ns, name).set(inputs.unmatchedReadyPods().size());
    }
  }

  /** Drops the series of a deleted pool. */
  public void forget(String pool) {
    String ns = PoolKeys.namespace(pool);
    String name = PoolKeys.name(pool);
    for (Gauge gauge : new Gauge[] {desired, current, queued, busyShare, unmatchedPods}) {
      gauge.remove(ns, name);
    }
    decisions.removeIf(labels -> labels.get(0).equals(ns) && labels.get(1).equals(name));
  }
}
