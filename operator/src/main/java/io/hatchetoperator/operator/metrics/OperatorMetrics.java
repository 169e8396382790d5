package io.hatchetoperator.operator.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * The operator's Prometheus metrics, all under {@value #PREFIX}: reconciliations and their errors, per-pool
 * desired and ready replicas, build information and leadership, plus the JVM's and the process's own
 * ({@code jvm_*}, {@code process_*}). The autoscaling metrics register in the same registry.
 */
public final class OperatorMetrics {

    /** The prefix of every metric the operator defines. */
    public static final String PREFIX = "hatchet_worker_operator_";

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter reconciliations = Counter.builder().name(PREFIX + "reconciliations_total")
            .help("Reconciliations of HatchetWorkerPools by result (ok, invalid_spec, engine_not_configured, "
                    + "conflict, error)").labelNames("result").register(registry);
    private final Counter errors = Counter.builder().name(PREFIX + "reconcile_errors_total")
            .help("Reconciliations of a pool that did not end ok, by result").labelNames("namespace", "pool", "result")
            .register(registry);
    private final Histogram duration = Histogram.builder().name(PREFIX + "reconcile_duration_seconds")
            .help("Time one reconciliation of a pool takes").register(registry);
    private final Gauge desired = Gauge.builder().name(PREFIX + "pool_desired_replicas")
            .help("Replicas rendered into the pool's Deployment (status.desiredReplicas)")
            .labelNames("namespace", "pool").register(registry);
    private final Gauge ready = Gauge.builder().name(PREFIX + "pool_ready_replicas")
            .help("Ready pods of the pool's Deployment").labelNames("namespace", "pool").register(registry);
    private final Gauge leader = Gauge.builder().name(PREFIX + "leader")
            .help("1 while this operator instance reconciles (holds the Lease, or runs without leader election)")
            .register(registry);

    /** Metrics with the JVM's and the process's, and build_info for {@link BuildInfo#version()}. */
    public OperatorMetrics() {
        Info.builder().name(PREFIX + "build_info").help("The operator's version and the Java runtime it runs on")
                .labelNames("version", "java_version").register(registry)
                .setLabelValues(BuildInfo.version(), System.getProperty("java.version", "unknown"));
        JvmMetrics.builder().register(registry);
    }

    /** The registry /metrics serves. */
    public PrometheusRegistry registry() {
        return registry;
    }

    /** Counts one reconciliation of {@code namespace/pool} that ended with {@code result} after {@code seconds}. */
    public void reconciled(String namespace, String pool, String result, double seconds) {
        reconciliations.labelValues(result).inc();
        if (!"ok".equals(result)) {
            errors.labelValues(namespace, pool, result).inc();
        }
        duration.observe(seconds);
    }

    /** Publishes whether this instance reconciles now. */
    public void leading(boolean now) {
        leader.set(now ? 1 : 0);
    }

    /** Drops the series of a deleted pool. */
    public void forget(String namespace, String pool) {
        desired.remove(namespace, pool);
        ready.remove(namespace, pool);
        errors.removeIf(labels -> labels.get(0).equals(namespace) && labels.get(1).equals(pool));
    }

    /** Publishes a pool's desired and ready replicas. */
    public void poolReplicas(String namespace, String pool, int desiredReplicas, int readyReplicas) {
        desired.labelValues(namespace, pool).set(desiredReplicas);
        ready.labelValues(namespace, pool).set(readyReplicas);
    }
}
