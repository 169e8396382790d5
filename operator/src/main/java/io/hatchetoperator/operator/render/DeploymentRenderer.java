package io.hatchetoperator.operator.render;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.hatchetoperator.operator.api.Durations;
import io.hatchetoperator.operator.api.HatchetWorkerPool;
import io.hatchetoperator.operator.api.PodSecurity;
import io.hatchetoperator.operator.api.WorkerRuntime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Renders a pool's Deployment: the user's pod template, merged (never overwritten) with the engine environment,
 * TLS mounts, the probes the pool's runtime really serves ({@link RuntimeDefaults}) and the security context of
 * spec.podSecurity ({@link PodDefaults}), under the pool's labels and owner reference.
 * Pure: the same pool and replica count always give the same Deployment.
 */
public final class DeploymentRenderer {

    /** Used when spec.drain.timeout is unset. */
    public static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofMinutes(10);
    /** How much longer than the drain timeout the kubelet waits before SIGKILL. */
    public static final Duration GRACE_MARGIN = Duration.ofSeconds(15);
    /**
     * A rolling update's surge: new pods start first, up to a quarter more than the replicas (rounded up, so at
     * least one), the API server's own default.
     */
    public static final String MAX_SURGE = "25%";
    /**
     * No old pod is taken away before its replacement is ready. The API server's default (25 %) would SIGTERM a
     * quarter of the workers at once: they stop taking tasks while they drain, so in the middle of a burst the pool
     * would run with a quarter less capacity until the new pods are up.
     */
    public static final int MAX_UNAVAILABLE = 0;

    private DeploymentRenderer() {
    }

    /** The Deployment {@code pool} should have with {@code replicas} pods. */
    public static Deployment render(HatchetWorkerPool pool, int replicas) {
        var drain = pool.getSpec().drain();
        Duration drainTimeout = Durations.parse("spec.drain.timeout", drain == null ? null : drain.timeout(),
                DEFAULT_DRAIN_TIMEOUT);
        WorkerEnvironment environment = WorkerEnvironment.of(pool, drainTimeout);
        PodTemplateSpec template = podTemplate(pool, environment, drainTimeout);
        return new DeploymentBuilder()
                .withNewMetadata()
                    .withName(pool.getMetadata().getName())
                    .withNamespace(pool.getMetadata().getNamespace())
                    .withLabels(PoolLabels.standard(pool))
                    .withOwnerReferences(ownerReference(pool))
                .endMetadata()
                .withNewSpec()
                    .withReplicas(replicas)
                    .withNewSelector().withMatchLabels(PoolLabels.selector(pool)).endSelector()
                    .withNewStrategy().withType("RollingUpdate").withNewRollingUpdate()
                        .withMaxSurge(new IntOrString(MAX_SURGE)).withMaxUnavailable(new IntOrString(MAX_UNAVAILABLE))
                    .endRollingUpdate().endStrategy()
                    .withTemplate(template)
                .endSpec()
                .build();
    }

    /** The controller reference that makes the API server delete owned objects with their pool. */
    public static OwnerReference ownerReference(HatchetWorkerPool pool) {
        return new OwnerReferenceBuilder()
                .withApiVersion(pool.getApiVersion())
                .withKind(pool.getKind())
                .withName(pool.getMetadata().getName())
                .withUid(pool.getMetadata().getUid())
                .withController(true)
                .withBlockOwnerDeletion(true)
                .build();
    }

    private static PodTemplateSpec podTemplate(HatchetWorkerPool pool, WorkerEnvironment environment,
                                               Duration drainTimeout) {
        PodTemplateSpec user = new PodTemplateSpecBuilder(pool.getSpec().template()).build();
        Map<String, String> labels = new LinkedHashMap<>();
        if (user.getMetadata() != null && user.getMetadata().getLabels() != null) {
            labels.putAll(user.getMetadata().getLabels());
        }
        labels.putAll(PoolLabels.standard(pool));
        PodSpec spec = user.getSpec();
        boolean templateSecurity = spec.getSecurityContext() != null
                || spec.getContainers().get(0).getSecurityContext() != null;
        PodSecurity security = templateSecurity ? PodSecurity.NONE : pool.getSpec().effectivePodSecurity();
        PodDefaults.pod(security).ifPresent(spec::setSecurityContext);
        boolean defaultSecurity = security == PodSecurity.RESTRICTED;
        List<Container> containers = new ArrayList<>(spec.getContainers());
        containers.set(0, workerContainer(containers.get(0), environment, security,
                pool.getSpec().effectiveRuntime()));
        spec.setContainers(containers);
        List<Volume> volumes = new ArrayList<>(spec.getVolumes() == null ? List.of() : spec.getVolumes());
        volumes.addAll(environment.volumes());
        if (defaultSecurity && PodDefaults.needsTmpVolume(containers.get(0), volumes)) {
            volumes.add(PodDefaults.tmpVolume());
            containers.set(0, new ContainerBuilder(containers.get(0))
                    .addToVolumeMounts(PodDefaults.tmpMount()).build());
        }
        spec.setVolumes(volumes);
        long grace = drainTimeout.plus(GRACE_MARGIN).toSeconds();
        Long userGrace = spec.getTerminationGracePeriodSeconds();
        spec.setTerminationGracePeriodSeconds(userGrace == null ? grace : Math.max(userGrace, grace));
        return new PodTemplateSpecBuilder(user)
                .editOrNewMetadata().withLabels(labels).endMetadata()
                .withSpec(spec)
                .build();
    }

    private static Container workerContainer(Container user, WorkerEnvironment environment, PodSecurity security,
                                             WorkerRuntime runtime) {
        List<EnvVar> userEnv = user.getEnv() == null ? List.of() : user.getEnv();
        Set<String> userNames = userEnv.stream().map(EnvVar::getName)
                .filter(n -> !WorkerEnvironment.isReserved(n)).collect(Collectors.toSet());
        List<EnvVar> env = new ArrayList<>();
        environment.env().stream().filter(e -> !userNames.contains(e.getName())).forEach(env::add);
        userEnv.stream().filter(e -> !WorkerEnvironment.isReserved(e.getName())).forEach(env::add);
        List<VolumeMount> mounts = new ArrayList<>(user.getVolumeMounts() == null ? List.of() : user.getVolumeMounts());
        mounts.addAll(environment.mounts());
        ContainerBuilder container = new ContainerBuilder(user).withEnv(env).withVolumeMounts(mounts);
        PodDefaults.container(security).ifPresent(container::withSecurityContext);
        return RuntimeDefaults.withProbes(container.build(), runtime);
    }
}
