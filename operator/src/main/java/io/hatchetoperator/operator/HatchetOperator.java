package io.hatchetoperator.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.hatchetoperator.operator.app.HealthServer;
import io.hatchetoperator.operator.autoscaling.AutoscalingSettings;
import io.hatchetoperator.operator.autoscaling.PoolAutoscaler;
import io.hatchetoperator.operator.metrics.OperatorMetrics;
import io.hatchetoperator.operator.reconciler.HatchetWorkerPoolReconciler;
import io.hatchetoperator.operator.reconciler.PoolDeletionWatch;
import io.hatchetoperator.operator.reconciler.ScalingStep;
import io.hatchetoperator.operator.reconciler.SecretCache;
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
 *
 * <p>With leader election, an instance that loses the Lease stops writing at once: the reconciler skips every
 * reconcile from that moment, the controllers are stopped, /healthz answers 503 so the kubelet restarts the pod,
 * and the {@link #onLostLeadership} action runs (OperatorMain exits). JOSDK alone would keep reconciling after a
 * lost renewal when exitOnStopLeading is false ({@code LeaderElectionManager.stopLeading} in
 * operator-framework-core 5.2.3 only logs), which is what let two leaders write at once.
 */
public final class HatchetOperator implements AutoCloseable {

    /** How long a stop waits for reconciles in flight to finish before interrupting them. */
    static final java.time.Duration RECONCILE_FINISH_ON_STOP = java.time.Duration.ofSeconds(10);


    private static final Logger LOG = LoggerFactory.getLogger(HatchetOperator.class);
    private final OperatorSettings settings;
    private final KubernetesClient client;
    private final ScalingStep scalingStep;
    private final OperatorMetrics metrics = new OperatorMetrics();
    private final AtomicBoolean leading = new AtomicBoolean();
    private final AtomicBoolean lostLeadership = new AtomicBoolean();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final String identity = leaderIdentity(System.getenv());
    private volatile Runnable onLostLeadership = () -> { };
    private Operator operator;
    private HealthServer http;
    private PoolDeletionWatch deletions;
    private SecretCache secrets;

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

    /** Runs {@code action} (on its own thread) after this instance lost the Lease and stopped its controllers. */
    public void onLostLeadership(Runnable action) {
        this.onLostLeadership = action;
    }

    /**
     * The leader-election identity: the pod's name ({@code POD_NAME} from the downward API, the chart sets it),
     * so the Lease names the pod that holds it; outside a pod, a name with a random suffix.
     */
    static String leaderIdentity(java.util.Map<String, String> env) {
        String pod = env.get("POD_NAME");
        return pod != null && !pod.isBlank() ? pod.strip()
                : OperatorSettings.COMPONENT + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Registers the controller, starts the HTTP server (unless the port is negative) and starts reconciling. */
    public synchronized void start() {
        if (operator != null) {
            throw new IllegalStateException("operator already started");
        }
        if (lostLeadership.get()) {
            throw new IllegalStateException("this instance lost its Lease: start a new one");
        }
        stopping.set(false);
        operator = new Operator(o -> {
            o.withKubernetesClient(client)
                    .withCloseClientOnStop(false)
                    // JOSDK's default is 0: stop() interrupts reconciles in flight, whose writes then fail and whose
                    // error handlers run after the client may be gone (ExecutorServiceManager.stop, 5.2.3)
                    .withReconciliationTerminationTimeout(RECONCILE_FINISH_ON_STOP)
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
        scalingStep.gate(this::mayWrite);
        secrets = new SecretCache(client);
        operator.register(new HatchetWorkerPoolReconciler(settings, metrics, Clock.systemUTC(), scalingStep,
                this::mayWrite).withSecrets(secrets), c -> {
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
        stopping.set(true);
        stopControllers();
        if (http != null) {
            http.close();
            http = null;
        }
        leading.set(false);
        metrics.leading(false);
    }

    /** Stops the deletion watch and the controllers (the HTTP server keeps answering). */
    private synchronized void stopControllers() {
        if (deletions != null) {
            deletions.close();
            deletions = null;
        }
        if (operator != null) {
            operator.stop();
            operator = null;
        }
        if (secrets != null) {
            secrets.close();
            secrets = null;
        }
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

    /**
     * False once this instance lost its Lease: no reconcile may write from then on. (Not tied to
     * {@link #isLeader()}: JOSDK starts the controllers on acquiring the Lease before our callback runs.)
     */
    public boolean mayWrite() {
        return !lostLeadership.get();
    }

    /** True while the process is healthy: false once it lost its Lease, or when an event source failed. */
    public boolean isLive() {
        if (lostLeadership.get()) {
            return false;
        }
        Operator op = operator;
        return op == null || !op.getRuntimeInfo().isStarted() || !isLeader()
                || op.getRuntimeInfo().allEventSourcesAreHealthy();
    }

    private void onLeading(boolean now) {
        if (now) {
            leading.set(true);
            metrics.leading(true);
            LOG.info("operator {} acquired the lease {}", identity, settings.leaseName());
            return;
        }
        boolean wasLeading = leading.getAndSet(false);
        metrics.leading(false);
        if (!wasLeading || stopping.get()) {
            return;
        }
        lostLeadership.set(true);
        LOG.error("operator {} lost the lease {}: it stops writing now, stops its controllers and reports "
                + "itself not live so that it is restarted", identity, settings.leaseName());
        Thread stopper = new Thread(() -> {
            stopping.set(true);
            stopControllers();
            onLostLeadership.run();
        }, "operator-lost-lease");
        stopper.setDaemon(true);
        stopper.start();
    }

    private boolean isReady() {
        Operator op = operator;
        return op != null && op.getRuntimeInfo().isStarted();
    }
}
