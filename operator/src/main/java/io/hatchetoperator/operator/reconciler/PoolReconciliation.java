package io.hatchetoperator.operator.reconciler;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.hatchetoperator.operator.OperatorSettings;
import io.hatchetoperator.operator.api.HatchetWorkerPool;
import io.hatchetoperator.operator.api.HatchetWorkerPoolStatus;
import io.hatchetoperator.operator.render.DeploymentRenderer;
import io.hatchetoperator.operator.render.DisruptionBudgetRenderer;
import io.hatchetoperator.operator.render.PoolLabels;
import io.hatchetoperator.operator.render.ReplicaTarget;
import io.hatchetoperator.operator.render.SpecProblem;
import io.hatchetoperator.operator.render.SpecValidator;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One reconciliation of one pool: validate the spec, check the engine Secrets, run the {@link ScalingStep} of an
 * autoscaled pool, render and write the Deployment (and the optional PodDisruptionBudget), then report status. When the spec or the Secrets are wrong, the
 * existing Deployment is left exactly as it is and the conditions say what to fix.
 */
final class PoolReconciliation {

    /** The result label for metrics, the status to publish and what JOSDK should do next. */
    record Outcome(String result, HatchetWorkerPoolStatus status, UpdateControl<HatchetWorkerPool> control) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(PoolReconciliation.class);
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    /** How soon a pool being lowered through the scale-down protocol is looked at again (a poll interval). */
    private static final Duration LOWERING_RECHECK = Duration.ofSeconds(2);
    private final HatchetWorkerPool pool;
    private final Context<HatchetWorkerPool> ctx;
    private final OperatorSettings settings;
    private final Clock clock;
    private final KubernetesOwnedObjectWriter writer;
    private final KubernetesEventRecorder events;
    private final ScalingStep scalingStep;
    private final InformerEventSource<Deployment, HatchetWorkerPool> deployments;
    private final InformerEventSource<PodDisruptionBudget, HatchetWorkerPool> budgets;
    private SecretLookup secrets;
    private final HatchetWorkerPoolStatus status;
    private final Long generation;

    PoolReconciliation(HatchetWorkerPool pool, Context<HatchetWorkerPool> ctx, OperatorSettings settings, Clock clock,
                       KubernetesOwnedObjectWriter writer, KubernetesEventRecorder events, ScalingStep scalingStep,
                       InformerEventSource<Deployment, HatchetWorkerPool> deployments,
                       InformerEventSource<PodDisruptionBudget, HatchetWorkerPool> budgets) {
        this.pool = pool;
        this.ctx = ctx;
        this.settings = settings;
        this.clock = clock;
        this.writer = writer;
        this.events = events;
        this.scalingStep = scalingStep;
        this.deployments = deployments;
        this.budgets = budgets;
        KubernetesClient client = ctx.getClient();
        this.secrets = (namespace, name) ->
                Optional.ofNullable(client.secrets().inNamespace(namespace).withName(name).get());
        this.status = copy(pool.getStatus());
        this.generation = pool.getMetadata().getGeneration();
    }

    /** Reads the pool's Secrets through {@code lookup} (a cache) instead of a GET each. */
    PoolReconciliation withSecrets(SecretLookup lookup) {
        this.secrets = lookup;
        return this;
    }

    Outcome run() {
        Optional<Deployment> existing = ctx.getSecondaryResource(Deployment.class);
        List<SpecProblem> problems = SpecValidator.validate(pool);
        if (!problems.isEmpty()) {
            String message = problems.stream().map(SpecProblem::message).collect(Collectors.joining("; "));
            condition(PoolConditions.SPEC_VALID, false, "InvalidSpec", message, true);
            condition(PoolConditions.READY, false, "InvalidSpec", "the Deployment is left as it is until the spec"
                    + " is fixed (see condition SpecValid)", false);
            return finish("invalid_spec", existing, Optional.empty());
        }
        condition(PoolConditions.SPEC_VALID, true, "Valid", "the spec passed the operator's checks", true);
        String namespace = pool.getMetadata().getNamespace();
        EngineCheck.Result engine = EngineCheck.check(pool.getSpec().engine(), namespace, name ->
                secrets.get(namespace, name));
        if (!engine.ok()) {
            condition(PoolConditions.ENGINE_CONFIGURED, false, engine.reason(), engine.message(), true);
            condition(PoolConditions.READY, false, engine.reason(), "the Deployment is left as it is until the "
                    + "engine Secrets are usable (see condition EngineConfigured)", false);
            return finish("engine_not_configured", existing, Optional.of(secretRetryDelay()));
        }
        condition(PoolConditions.ENGINE_CONFIGURED, true, engine.reason(), engine.message(), true);
        Integer running = existing.map(d -> d.getSpec() == null ? null : d.getSpec().getReplicas()).orElse(null);
        Optional<Duration> next;
        ReplicaTarget target;
        if (pool.getSpec().autoscaling() != null && !pool.getSpec().autoscaling().isExternal()) {
            next = scalingStep.apply(pool, status, engine.connection());
            target = ReplicaTarget.of(pool.getSpec(), status, running);
        } else {
            target = ReplicaTarget.of(pool.getSpec(), status, running);
            next = Optional.empty();
            if (running != null && target.replicas() < running) {
                int now = scalingStep.lower(pool, status, engine.connection(), running, target.replicas());
                if (now != target.replicas()) {
                    LOG.debug("pool {}/{}: lowering {} -> {} once workers are confirmed idle (now {})",
                            pool.getMetadata().getNamespace(), pool.getMetadata().getName(), running,
                            target.replicas(), now);
                    next = Optional.of(LOWERING_RECHECK);
                }
                target = new ReplicaTarget(now, target.mode());
            } else if (!scalingStep.release(pool, status, engine.connection())) {
                next = Optional.of(settings.secretRetryInitial());
            }
        }
        status.setDesiredReplicas(target.replicas());
        status.setMode(target.mode().name());
        if (existing.isEmpty()) {
            Optional<String> foreign = foreignDeployment();
            if (foreign.isPresent()) {
                condition(PoolConditions.READY, false, "DeploymentNotOwned", foreign.get(), true);
                return finish("not_owned", Optional.empty(), Optional.of(settings.secretRetryMax()));
            }
        }
        try {
            existing = Optional.of(writeDeployment(target, existing.orElse(null)));
            writeDisruptionBudget();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                throw e;
            }
            condition(PoolConditions.READY, false, "Conflict", "the Deployment changed while the operator was "
                    + "writing it (HTTP 409); retrying in " + settings.conflictRetry().toMillis() + " ms", false);
            return finish("conflict", existing, Optional.of(settings.conflictRetry()));
        }
        return finish("ok", existing, next);
    }

    /**
     * When the cache has no Deployment of the pool, one of the same name may still exist that the pool does not
     * own (someone else's, or left from an earlier tool): it is reported, never taken over (server-side apply
     * would otherwise adopt it). One GET, only while the pool has no Deployment of its own.
     */
    private Optional<String> foreignDeployment() {
        String namespace = pool.getMetadata().getNamespace();
        String name = pool.getMetadata().getName();
        Deployment found = ctx.getClient().apps().deployments().inNamespace(namespace).withName(name).get();
        if (found == null || found.getMetadata().getOwnerReferences() != null && found.getMetadata()
                .getOwnerReferences().stream().anyMatch(o -> pool.getMetadata().getUid() != null
                        && pool.getMetadata().getUid().equals(o.getUid()))) {
            return Optional.empty();
        }
        String owner = found.getMetadata().getOwnerReferences() == null
                || found.getMetadata().getOwnerReferences().isEmpty() ? "no owner"
                : "owned by " + found.getMetadata().getOwnerReferences().get(0).getKind() + " "
                        + found.getMetadata().getOwnerReferences().get(0).getName();
        return Optional.of("Deployment " + namespace + "/" + name + " already exists and is not this pool's ("
                + owner + "); the operator does not take it over: delete or rename that Deployment, or give the "
                + "pool another name");
    }

    private Deployment writeDeployment(ReplicaTarget target, Deployment actual) {
        Deployment desired = DeploymentRenderer.render(pool, target.replicas());
        var written = writer.apply(desired, actual);
        ResourceID id = ResourceID.fromResource(written.object());
        switch (written.outcome()) {
            case CREATED -> {
                deployments.handleRecentResourceCreate(id, written.object());
                events.normal(pool, "DeploymentCreated", "created Deployment " + desired.getMetadata().getName()
                        + " with " + target.replicas() + " replicas (" + target.mode() + ")");
                LOG.info("pool {}/{}: created Deployment with {} replicas", pool.getMetadata().getNamespace(),
                        pool.getMetadata().getName(), target.replicas());
            }
            case UPDATED -> {
                deployments.handleRecentResourceUpdate(id, written.object(), actual);
                Integer before = actual.getSpec() == null ? null : actual.getSpec().getReplicas();
                String scaled = before != null && before != target.replicas()
                        ? "replicas " + before + " -> " + target.replicas() : null;
                if (written.templateChanged()) {
                    String what = "pod template or labels changed" + (scaled == null ? "" : "; " + scaled);
                    events.normal(pool, "DeploymentUpdated", "updated Deployment "
                            + desired.getMetadata().getName() + ": " + what);
                    LOG.info("pool {}/{}: updated Deployment ({})", pool.getMetadata().getNamespace(),
                            pool.getMetadata().getName(), what);
                } else if (scaled != null) {
                    LOG.info("pool {}/{}: Deployment {} ({})", pool.getMetadata().getNamespace(),
                            pool.getMetadata().getName(), scaled, target.mode());
                } else {
                    LOG.debug("pool {}/{}: restored the Deployment's rendered fields",
                            pool.getMetadata().getNamespace(), pool.getMetadata().getName());
                }
            }
            default -> { }
        }
        return written.object();
    }

    private void writeDisruptionBudget() {
        Optional<PodDisruptionBudget> actual = ctx.getSecondaryResource(PodDisruptionBudget.class);
        if (pool.getSpec().disruptionBudget() == null) {
            actual.ifPresent(budget -> {
                writer.delete(budget);
                events.normal(pool, "DisruptionBudgetDeleted", "deleted PodDisruptionBudget "
                        + budget.getMetadata().getName() + " (spec.disruptionBudget removed)");
            });
            return;
        }
        var written = writer.apply(DisruptionBudgetRenderer.render(pool), actual.orElse(null));
        ResourceID id = ResourceID.fromResource(written.object());
        if (written.outcome() == KubernetesOwnedObjectWriter.Outcome.CREATED) {
            budgets.handleRecentResourceCreate(id, written.object());
            events.normal(pool, "DisruptionBudgetCreated", "created PodDisruptionBudget " + id.getName());
        } else if (written.outcome() == KubernetesOwnedObjectWriter.Outcome.UPDATED) {
            budgets.handleRecentResourceUpdate(id, written.object(), actual.get());
        }
    }

    private Outcome finish(String result, Optional<Deployment> deployment, Optional<Duration> retry) {
        int replicas = deployment.map(d -> d.getStatus() == null || d.getStatus().getReplicas() == null ? 0
                : d.getStatus().getReplicas()).orElse(0);
        int ready = deployment.map(d -> d.getStatus() == null || d.getStatus().getReadyReplicas() == null ? 0
                : d.getStatus().getReadyReplicas()).orElse(0);
        status.setReplicas(replicas);
        status.setReadyReplicas(ready);
        status.setSelector(PoolLabels.selectorString(pool));
        status.setBusySlots(status.getSlotUtilization() == null ? null
                : Math.round(status.getSlotUtilization() * 100) + "%");
        if ("ok".equals(result)) {
            int desired = status.getDesiredReplicas();
            Optional<DeploymentCondition> failing = deployment.flatMap(PoolReconciliation::failing);
            if (failing.isPresent()) {
                DeploymentCondition c = failing.get();
                condition(PoolConditions.READY, false, c.getReason() == null ? c.getType() : c.getReason(),
                        ready + " of " + desired + " pods ready; the Deployment reports " + c.getType() + "="
                                + c.getStatus() + ": " + c.getMessage(), true);
            } else {
                boolean allReady = ready >= desired;
                condition(PoolConditions.READY, allReady, allReady ? "PodsReady" : "PodsStarting",
                        ready + " of " + desired + " pods ready", false);
            }
        }
        status.setObservedGeneration(generation);
        status.setConditions(oneOfEachType(status.getConditions()));
        Duration next = retry.orElse(settings.resyncInterval());
        boolean changed = StatusWriteRule.mustWrite(copy(pool.getStatus()), status, clock.instant());
        UpdateControl<HatchetWorkerPool> control = changed
                ? UpdateControl.patchStatus(statusPatch(pool, status, settings.serverSideApply()))
                : UpdateControl.noUpdate();
        return new Outcome(result, status, control.rescheduleAfter(next));
    }

    /**
     * The Deployment's condition that says its pods cannot be had: ReplicaFailure=True (e.g. a quota or an
     * admission webhook refuses pods) or Progressing=False (ProgressDeadlineExceeded: a rollout is stuck), as the
     * Deployment controller sets them (kubernetes/kubernetes pkg/controller/deployment/util/deployment_util.go).
     */
    static Optional<DeploymentCondition> failing(Deployment deployment) {
        if (deployment.getStatus() == null || deployment.getStatus().getConditions() == null) {
            return Optional.empty();
        }
        return deployment.getStatus().getConditions().stream()
                .filter(c -> ("ReplicaFailure".equals(c.getType()) && "True".equals(c.getStatus()))
                        || ("Progressing".equals(c.getType()) && "False".equals(c.getStatus())))
                .findFirst();
    }

    /** Sets a condition; on a flip with {@code announce}, records an Event (Warning when it turned False). */
    private void condition(String type, boolean value, String reason, String message, boolean announce) {
        boolean wasFalse = PoolConditions.get(status, type).map(c -> "False".equals(c.getStatus())).orElse(false);
        boolean flipped = PoolConditions.set(status, type, value, reason, message, generation, clock);
        if (flipped && announce && !value) {
            events.warning(pool, reason, message);
            LOG.warn("pool {}/{}: {} is False ({}): {}", pool.getMetadata().getNamespace(),
                    pool.getMetadata().getName(), type, reason, message);
        } else if (flipped && announce && wasFalse) {
            events.normal(pool, reason, type + " is True again: " + message);
        }
    }

    /**
     * The conditions with one entry per type (the first): the CRD declares them a list-type map keyed by type, so
     * an API server rejects a status with two of a type.
     */
    static java.util.List<io.fabric8.kubernetes.api.model.Condition> oneOfEachType(
            java.util.List<io.fabric8.kubernetes.api.model.Condition> conditions) {
        if (conditions == null) {
            return new java.util.ArrayList<>();
        }
        java.util.Map<String, io.fabric8.kubernetes.api.model.Condition> byType = new java.util.LinkedHashMap<>();
        conditions.forEach(c -> byType.putIfAbsent(c.getType(), c));
        return new java.util.ArrayList<>(byType.values());
    }

    /** Backoff while a Secret stays missing: the time it has been failing, between the configured bounds. */
    private Duration secretRetryDelay() {
        Duration failingFor = PoolConditions.get(status, PoolConditions.ENGINE_CONFIGURED)
                .map(c -> Duration.between(Instant.parse(c.getLastTransitionTime()), Instant.now(clock)))
                .orElse(Duration.ZERO);
        Duration delay = failingFor.compareTo(settings.secretRetryInitial()) < 0 ? settings.secretRetryInitial()
                : failingFor;
        return delay.compareTo(settings.secretRetryMax()) > 0 ? settings.secretRetryMax() : delay;
    }

    /** A deep copy of {@code status}, or an empty status. */
    static HatchetWorkerPoolStatus copy(HatchetWorkerPoolStatus status) {
        return status == null ? new HatchetWorkerPoolStatus()
                : SERIALIZATION.clone(status);
    }

    /** The resource to hand to patchStatus: with SSA only identity and status, else the (cloned) pool itself. */
    static HatchetWorkerPool statusPatch(HatchetWorkerPool pool, HatchetWorkerPoolStatus status, boolean ssa) {
        if (!ssa) {
            pool.setStatus(status);
            return pool;
        }
        HatchetWorkerPool patch = new HatchetWorkerPool();
        patch.setMetadata(new ObjectMetaBuilder().withName(pool.getMetadata().getName())
                .withNamespace(pool.getMetadata().getNamespace()).build());
        patch.setStatus(status);
        return patch;
    }
}
