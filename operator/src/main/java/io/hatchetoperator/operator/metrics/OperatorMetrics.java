package io.hatchetoperator.operator.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/** The operator's Prometheus metrics: reconciliations, errors, durations and per-pool replicas. */
public final class OperatorMetrics {

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter reconciliations = Counter.builder().name("hatchet_operator_reconciliations_total")
            .help("Reconciliations of HatchetWorkerPools by result (ok, invalid_spec, engine_not_configured, "
                    + "conflict, error)").labelNames("result").register(registry);
    private final Histogram duration = Histogram.builder().name("hatchet_operator_reconcile_duration_seconds")
            .help("Time one reconciliation of a pool takes").register(registry);
    private final Gauge replicas = Gauge.builder().name("hatchet_operator_pool_replicas")
            .help("Replicas of each pool: desired (rendered into the Deployment) and ready")
            .labelNames("namespace", "pool", "kind").register(registry);

    /** The registry /metrics serves. */
    public PrometheusRegistry registry() {
        return registry;
    }

    /** Counts one reconciliation that ended with {@code result} after {@code seconds}. */
    public void reconciled(String result, double seconds) {
        reconciliations.labelValues(result).inc();
        duration.observe(seconds);
    }

    /** Drops the series of a deleted pool. */
    public void forget(String namespace, String pool) {
        replicas.remove(namespace, pool, "desired");
        replicas.remove(namespace, pool, "ready");
    }

    /** Publishes a pool's desired and ready replicas. */
    public void poolReplicas(String namespace, String pool, int desired, int ready) {
        replicas.labelValues(namespace, pool, "desired").set(desired);
        replicas.labelValues(namespace, pool, "ready").set(ready);
    }
}
