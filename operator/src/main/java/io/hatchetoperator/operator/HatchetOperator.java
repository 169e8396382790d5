package io.hatchetoperator.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.hatchetoperator.operator.app.HealthServer;
import io.hatchetoperator.operator.autoscaling.AutoscalingSettings;
import io.hatchetoperator.operator.autoscaling.PoolAutoscaler;
import io.hatchetoperator.operator.metrics.OperatorMetrics;
import io.hatchetoperator.operator.reconciler.HatchetWorkerPoolReconciler;
import io.hatchetoperator.operator.reconciler.PoolDeletionWatch;
import io.hatchetoperator.operator.reconciler.ScalingStep;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.processing.retry.GenericRetry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator, embeddable: reconciles HatchetWorkerPools through the given client with the given settings.
 * {@link #start()} returns once the controllers are registered (and, without leader election, their caches
 * synced); {@link #stop()} stops reconciling and the HTTP server but leaves the client open for its owner.
 */
public final class HatchetOperator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HatchetOperator.class);
    private final OperatorSettings settings;
    private final KubernetesClient client;
    private final ScalingStep scalingStep;
    private final OperatorMetrics metrics = new OperatorMetrics();
    private final AtomicBoolean leading = new AtomicBoolean();
    private final String identity = "hatchet-worker-operator-" + UUID.randomUUID().toString().substring(0, 8);
    private Operator operator;
    private HealthServer http;
    private PoolDeletionWatch deletions;

    /**
     * An operator on {@code client} (which it never closes) with {@code settings} that autoscales pools on the
     * engine's figures ({@link PoolAutoscaler} over Hatchet's REST API, its metrics on /metrics).
     */
    public HatchetOperator(OperatorSettings settings, KubernetesClient client) {
        this(settings, client, null);
    }

    /** An operator whose autoscaled pools are sized by {@code scalingStep} (null: the operator's own autoscaler). */
    public HatchetOperator(OperatorSettings settings, KubernetesClient client, ScalingStep scalingStep) {
        this.settings = settings;
        this.client = client;
        this.scalingStep = scalingStep != null ? scalingStep
                : PoolAutoscaler.overRest(client, AutoscalingSettings.DEFAULTS, metrics.registry());
    }

    /** Registers the controller, starts the HTTP server (unless the port is negative) and starts reconciling. */
    public synchronized void start() {
        if (operator != null) {
            throw new IllegalStateException("operator already started");
        }
        operator = new Operator(o -> {
            o.withKubernetesClient(client)
                    .withCloseClientOnStop(false)
                    .withUseSSAToPatchPrimaryResource(settings.serverSideApply())
                    .withSSABasedCreateUpdateMatchForDependentResources(settings.serverSideApply())
                    .withConcurrentReconciliationThreads(settings.reconcileThreads());
            if (settings.leaderElection()) {
                o.withLeaderElectionConfiguration(new LeaderElectionConfiguration(settings.leaseName(),
                        settings.leaseNamespace(), settings.leaseDuration(), settings.leaseRenewDeadline(),
                        settings.leaseRetryPeriod(), identity, new io.fabric8.kubernetes.client.extended
                        .leaderelection.LeaderCallbacks(() -> onLeading(true), () -> onLeading(false), id -> { }),
                        false));
            }
        });
        operator.register(new HatchetWorkerPoolReconciler(settings, metrics, Clock.systemUTC(), scalingStep), c -> {
            c.withName(OperatorSettings.COMPONENT)
                    .withReconciliationMaxInterval(settings.resyncInterval())
                    .withRetry(new GenericRetry().setInitialInterval(1000).setIntervalMultiplier(2)
                            .setMaxInterval(settings.secretRetryMax().toMillis()).withoutMaxAttempts());
            if (settings.namespaces().isEmpty()) {
                c.watchingAllNamespaces();
            } else {
                c.settingNamespaces(settings.namespaces());
            }
        });
        if (settings.httpPort() >= 0) {
            try {
                http = HealthServer.start(settings.httpPort(), this::isLive, this::isReady, metrics.registry());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot serve /healthz on port " + settings.httpPort()
                        + ": choose a free port with --http-port (0 = any, negative = off)", e);
            }
        }
        try {
            operator.start();
            metrics.leading(isLeader());
            deletions = new PoolDeletionWatch(client, settings.namespaces(), (namespace, name) -> {
                metrics.forget(namespace, name);
                scalingStep.forget(namespace, name);
            });
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
        LOG.info("operator {} started: namespaces={}, serverSideApply={}, leaderElection={}, httpPort={}",
                identity, settings.namespaces().isEmpty() ? "all" : settings.namespaces(),
                settings.serverSideApply(), settings.leaderElection(), httpPort());
    }

    /** Stops reconciling, gives up the Lease and closes the HTTP server; the client stays open. */
    public synchronized void stop() {
        if (deletions != null) {
            deletions.close();
            deletions = null;
        }
        if (operator != null) {
            operator.stop();
            operator = null;
        }
        if (http != null) {
            http.close();
            http = null;
        }
        leading.set(false);
        metrics.leading(false);
    }

    @Override
    public void close() {
        stop();
    }

    /** The HTTP port actually bound, or -1 when off or not started. */
    public synchronized int httpPort() {
        return http == null ? -1 : http.port();
    }

    /** True while this instance reconciles: always without leader election, else while it holds the Lease. */
    public boolean isLeader() {
        return !settings.leaderElection() || leading.get();
    }

    /** This instance's leader-election identity. */
    public String identity() {
        return identity;
    }

    /** The metrics /metrics serves. */
    public OperatorMetrics metrics() {
        return metrics;
    }

    private void onLeading(boolean now) {
        leading.set(now);
        metrics.leading(now);
        LOG.info("operator {} {} the lease {}", identity, now ? "acquired" : "lost", settings.leaseName());
    }

    private boolean isLive() {
        Operator op = operator;
        return op == null || !op.getRuntimeInfo().isStarted() || !isLeader()
                || op.getRuntimeInfo().allEventSourcesAreHealthy();
    }

    private boolean isReady() {
        Operator op = operator;
        return op != null && op.getRuntimeInfo().isStarted();
    }
}
