package io.hatchetoperator.operator.reconciler;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.hatchetoperator.operator.OperatorSettings;
import io.hatchetoperator.operator.api.HatchetWorkerPool;
import io.hatchetoperator.operator.api.HatchetWorkerPoolStatus;
import io.hatchetoperator.operator.metrics.OperatorMetrics;
import io.hatchetoperator.operator.render.PoolLabels;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JOSDK entry point for HatchetWorkerPools: watches pools and the Deployments and PodDisruptionBudgets they
 * own, runs one {@link PoolReconciliation} per event, and turns unexpected failures into a Ready=False
 * condition while JOSDK retries with backoff.
 */
public final class HatchetWorkerPoolReconciler implements Reconciler<HatchetWorkerPool> {

    private static final Logger LOG = LoggerFactory.getLogger(HatchetWorkerPoolReconciler.class);
    private final OperatorSettings settings;
    private final OperatorMetrics metrics;
    private final Clock clock;
    private KubernetesEventRecorder events;
    private final ScalingStep scalingStep;
    private final BooleanSupplier mayWrite;
    private volatile SecretLookup secrets;
    private volatile InformerEventSource<Deployment, HatchetWorkerPool> deployments;
    private volatile InformerEventSource<PodDisruptionBudget, HatchetWorkerPool> budgets;

    /** A reconciler with the operator's settings, metrics, clock and autoscaling step that always may write. */
    public HatchetWorkerPoolReconciler(OperatorSettings settings, OperatorMetrics metrics, Clock clock,
                                       ScalingStep scalingStep) {
        this(settings, metrics, clock, scalingStep, () -> true);
    }

    /**
     * A reconciler that writes nothing while {@code mayWrite} is false (after its operator lost the Lease):
     * such reconciles return at once, without a status update.
     */
    public HatchetWorkerPoolReconciler(OperatorSettings settings, OperatorMetrics metrics, Clock clock,
                                       ScalingStep scalingStep, BooleanSupplier mayWrite) {
        this.settings = settings;
        this.metrics = metrics;
        this.clock = clock;
        this.scalingStep = scalingStep;
        this.mayWrite = mayWrite;
    }

    /** Reads pools' Secrets through {@code lookup} (the operator's {@link SecretCache}) instead of a GET each. */
    public HatchetWorkerPoolReconciler withSecrets(SecretLookup lookup) {
        this.secrets = lookup;
        return this;
    }

    @Override
    public List<EventSource<?, HatchetWorkerPool>> prepareEventSources(EventSourceContext<HatchetWorkerPool> ctx) {
        deployments = new InformerEventSource<>(InformerEventSourceConfiguration
                .from(Deployment.class, HatchetWorkerPool.class).withName("deployments")
                .withLabelSelector(PoolLabels.OWNED_SELECTOR).build(), ctx);
        budgets = new InformerEventSource<>(InformerEventSourceConfiguration
                .from(PodDisruptionBudget.class, HatchetWorkerPool.class).withName("disruption-budgets")
                .withLabelSelector(PoolLabels.OWNED_SELECTOR).build(), ctx);
        List<EventSource<?, HatchetWorkerPool>> sources = new ArrayList<>(List.of(deployments, budgets));
        sources.addAll(scalingStep.eventSources());
        return sources;
    }

    @Override
    public UpdateControl<HatchetWorkerPool> reconcile(HatchetWorkerPool pool, Context<HatchetWorkerPool> ctx) {
        if (!mayWrite.getAsBoolean()) {
            return UpdateControl.noUpdate();
        }
        long started = System.nanoTime();
        String result = "error";
        try {
            PoolReconciliation run = new PoolReconciliation(pool, ctx, settings, clock,
                    new KubernetesOwnedObjectWriter(ctx.getClient(), settings.serverSideApply()),
                    recorder(ctx.getClient()), scalingStep, deployments, budgets);
            if (secrets != null) {
                run.withSecrets(secrets);
            }
            PoolReconciliation.Outcome outcome = run.run();
            result = outcome.result();
            HatchetWorkerPoolStatus status = outcome.status();
            if (ctx.getPrimaryCache().get(ResourceID.fromResource(pool)).isPresent()) { // not deleted meanwhile
                metrics.poolReplicas(pool.getMetadata().getNamespace(), pool.getMetadata().getName(),
                        nullToZero(status.getDesiredReplicas()), nullToZero(status.getReadyReplicas()));
            }
            return outcome.control();
        } finally {
            metrics.reconciled(pool.getMetadata().getNamespace(), pool.getMetadata().getName(), result,
                    (System.nanoTime() - started) / 1e9);
        }
    }

    @Override
    public ErrorStatusUpdateControl<HatchetWorkerPool> updateErrorStatus(HatchetWorkerPool pool,
            Context<HatchetWorkerPool> ctx, Exception e) {
        if (!mayWrite.getAsBoolean()) {
            return ErrorStatusUpdateControl.noStatusUpdate();
        }
        String detail = e instanceof KubernetesClientException k
                ? "the API server answered " + k.getCode() + ": " + k.getMessage() : String.valueOf(e.getMessage());
        LOG.warn("reconciling pool {}/{} failed, retrying with backoff: {}", pool.getMetadata().getNamespace(),
                pool.getMetadata().getName(), detail);
        HatchetWorkerPoolStatus status = PoolReconciliation.copy(pool.getStatus());
        PoolConditions.set(status, PoolConditions.READY, false, "ReconcileError", detail
                + "; the operator retries with backoff", pool.getMetadata().getGeneration(), clock);
        HatchetWorkerPool patch = PoolReconciliation.statusPatch(pool, status, settings.serverSideApply());
        return ErrorStatusUpdateControl.patchStatus(patch);
    }

    private static int nullToZero(Integer value) {
        return value == null ? 0 : value;
    }

    /** One recorder for the reconciler's lifetime, so repeated Events become series of one Event. */
    private synchronized KubernetesEventRecorder recorder(io.fabric8.kubernetes.client.KubernetesClient client) {
        if (events == null) {
            events = new KubernetesEventRecorder(client, clock);
        }
        return events;
    }
}
