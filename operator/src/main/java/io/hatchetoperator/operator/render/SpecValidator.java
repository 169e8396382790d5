package io.hatchetoperator.operator.render;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.hatchetoperator.autoscaler.InvalidScalingSetting;
import io.hatchetoperator.operator.api.AutoscalingSpec;
import io.hatchetoperator.operator.api.Durations;
import io.hatchetoperator.operator.api.EngineSpec;
import io.hatchetoperator.operator.api.HatchetWorkerPool;
import io.hatchetoperator.operator.api.HatchetWorkerPoolSpec;
import io.hatchetoperator.operator.api.SecretKeyRef;
import io.hatchetoperator.operator.api.TlsSpec;
import io.hatchetoperator.operator.api.TlsStrategy;
import io.hatchetoperator.operator.autoscaling.PoolSettingsMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The operator's own checks of a pool's spec. The CRD schema rejects most of these at admission; this runs
 * anyway because objects can arrive unvalidated (an old CRD, a cluster without CEL, the test mock) and because
 * a few things (the pool name as a label value) the schema cannot see.
 */
public final class SpecValidator {

    private SpecValidator() {
    }

    /** Every problem found; empty when the pool can be rendered. */
    public static List<SpecProblem> validate(HatchetWorkerPool pool) {
        List<SpecProblem> problems = new ArrayList<>();
        String name = pool.getMetadata().getName();
        if (name != null && name.length() > 63) {
            problems.add(new SpecProblem("metadata.name", name, "use at most 63 characters: the name becomes the "
                    + "value of the " + PoolLabels.POOL + " label"));
        }
        HatchetWorkerPoolSpec spec = pool.getSpec();
        if (spec == null) {
            problems.add(new SpecProblem("spec", null, "add a spec with slots, engine and template"));
            return problems;
        }
        if (spec.slots() == null || spec.slots() < 1 || spec.slots() > 1000) {
            problems.add(new SpecProblem("spec.slots", spec.slots(), "set the worker's concurrent task runs, 1 to 1000"));
        }
        if (spec.replicas() != null && (spec.replicas() < 0 || spec.replicas() > 1000)) {
            problems.add(new SpecProblem("spec.replicas", spec.replicas(), "use 0 to 1000"));
        }
        checkTemplate(spec.template(), problems);
        checkEngine(spec.engine(), problems);
        int beforeAutoscaling = problems.size();
        checkAutoscaling(spec, problems);
        if (problems.size() == beforeAutoscaling && spec.autoscaling() != null) {
            checkScalingSettings(pool, problems);
        }
        if (spec.drain() != null) {
            duration("spec.drain.timeout", spec.drain().timeout(), problems);
        }
        if (spec.disruptionBudget() != null && spec.disruptionBudget().maxUnavailable() != null
                && spec.disruptionBudget().maxUnavailable() < 0) {
            problems.add(new SpecProblem("spec.disruptionBudget.maxUnavailable",
                    spec.disruptionBudget().maxUnavailable(), "use 0 or more"));
        }
        return problems;
    }

    private static void checkTemplate(PodTemplateSpec template, List<SpecProblem> problems) {
        if (template == null || template.getSpec() == null || template.getSpec().getContainers() == null
                || template.getSpec().getContainers().isEmpty()) {
            problems.add(new SpecProblem("spec.template.spec.containers", null,
                    "add the worker container (name and image) to spec.template.spec.containers"));
            return;
        }
        List<Container> containers = template.getSpec().getContainers();
        for (int i = 0; i < containers.size(); i++) {
            if (blank(containers.get(i).getImage())) {
                problems.add(new SpecProblem("spec.template.spec.containers[" + i + "].image", null,
                        "set the container image"));
            }
            if (blank(containers.get(i).getName())) {
                problems.add(new SpecProblem("spec.template.spec.containers[" + i + "].name", null,
                        "name the container, e.g. worker"));
            }
        }
    }

    private static void checkEngine(EngineSpec engine, List<SpecProblem> problems) {
        if (engine == null) {
            problems.add(new SpecProblem("spec.engine", null, "add spec.engine.tokenSecretRef {name, key}"));
            return;
        }
        SecretKeyRef token = engine.tokenSecretRef();
        if (token == null || blank(token.name()) || blank(token.key())) {
            problems.add(new SpecProblem("spec.engine.tokenSecretRef", token, "name the Secret and the key that "
                    + "hold the Hatchet API token, e.g. {name: hatchet-token, key: token}"));
        }
        if (engine.hostPort() != null && !engine.hostPort().matches("^[^\\s:/]+:[0-9]{1,5}$")) {
            problems.add(new SpecProblem("spec.engine.hostPort", engine.hostPort(),
                    "use host:port, e.g. hatchet-engine.hatchet:7070"));
        }
        if (engine.apiUrl() != null && !engine.apiUrl().matches("^https?://\\S+$")) {
            problems.add(new SpecProblem("spec.engine.apiUrl", engine.apiUrl(),
                    "use an http(s) URL, e.g. https://hatchet.example.com"));
        }
        TlsSpec tls = engine.tls();
        if (tls != null && tls.effectiveStrategy() == TlsStrategy.MTLS
                && (tls.caSecretRef() == null || tls.clientCertSecretRef() == null)) {
            problems.add(new SpecProblem("spec.engine.tls.strategy", "mtls",
                    "set both spec.engine.tls.caSecretRef and spec.engine.tls.clientCertSecretRef, or use tls"));
        }
    }

    private static void checkAutoscaling(HatchetWorkerPoolSpec spec, List<SpecProblem> problems) {
        AutoscalingSpec a = spec.autoscaling();
        if (a == null) {
            return;
        }
        if (a.effectiveMinReplicas() < 0) {
            problems.add(new SpecProblem("spec.autoscaling.minReplicas", a.minReplicas(), "use 0 or more"));
        }
        if (a.effectiveMaxReplicas() < 1) {
            problems.add(new SpecProblem("spec.autoscaling.maxReplicas", a.maxReplicas(), "use 1 or more"));
        }
        if (a.effectiveMinReplicas() > a.effectiveMaxReplicas()) {
            problems.add(new SpecProblem("spec.autoscaling.minReplicas", a.effectiveMinReplicas(),
                    "lower it to at most spec.autoscaling.maxReplicas (" + a.effectiveMaxReplicas() + ")"));
        }
        Double u = a.targetSlotUtilization();
        if (u != null && (u <= 0 || u > 1)) {
            problems.add(new SpecProblem("spec.autoscaling.targetSlotUtilization", u,
                    "use a share of slot capacity greater than 0 and at most 1, e.g. 0.8"));
        }
        if (a.effectiveMinReplicas() == 0 && (spec.tasks() == null || spec.tasks().isEmpty())) {
            problems.add(new SpecProblem("spec.tasks", null, "list the pool's tasks: with minReplicas 0 their queue"
                    + " is what scales the pool up from zero"));
        }
        duration("spec.autoscaling.targetQueueDelay", a.targetQueueDelay(), problems);
        duration("spec.autoscaling.pollInterval", a.pollInterval(), problems);
        duration("spec.autoscaling.idleBeforeZero", a.idleBeforeZero(), problems);
        duration("spec.autoscaling.podStartup", a.podStartup(), problems);
        if (a.scaleUp() != null) {
            duration("spec.autoscaling.scaleUp.stabilization", a.scaleUp().stabilization(), problems);
        }
        if (a.scaleDown() != null) {
            duration("spec.autoscaling.scaleDown.stabilization", a.scaleDown().stabilization(), problems);
            duration("spec.autoscaling.scaleDown.maxHold", a.scaleDown().maxHold(), problems);
        }
    }

    /**
     * The autoscaler's own bounds, so a spec passes this check exactly when the autoscaler accepts it (a
     * {@code pollInterval} of 0s fails here instead of freezing scaling).
     */
    private static void checkScalingSettings(HatchetWorkerPool pool, List<SpecProblem> problems) {
        try {
            PoolSettingsMapper.from(pool);
        } catch (InvalidScalingSetting e) {
            problems.add(new SpecProblem("spec.autoscaling." + e.field(), e.value(), e.fix()));
        } catch (IllegalArgumentException e) {
            problems.add(new SpecProblem("spec.autoscaling", null, e.getMessage()));
        }
    }

    private static void duration(String field, String value, List<SpecProblem> problems) {
        try {
            Durations.parse(field, value, Duration.ZERO);
        } catch (IllegalArgumentException e) {
            problems.add(new SpecProblem(field, value, "use a number with a unit (ms, s, m, h), e.g. 30s or 10m"));
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
