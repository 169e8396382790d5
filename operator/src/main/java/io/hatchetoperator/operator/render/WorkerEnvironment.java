package io.hatchetoperator.operator.render;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.hatchetoperator.operator.api.EngineSpec;
import io.hatchetoperator.operator.api.HatchetWorkerPool;
import io.hatchetoperator.operator.api.HatchetWorkerPoolSpec;
import io.hatchetoperator.operator.api.TlsSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The environment, volumes and mounts that connect a worker container to the engine: Hatchet's connection
 * variables (HATCHET_CLIENT_TOKEN, _HOST_PORT, _TLS_*, _NAMESPACE, read by every official SDK), the pod name from
 * the downward API in the two forms the SDKs report it, the health-check variables of the pool's runtime, and the
 * Java worker runtime's HATCHET_WORKER_* settings. Which SDK reads which variable is in docs/sdks.md: only the
 * Python SDK and the Java runtime read HATCHET_CLIENT_WORKER_PRESET_LABELS (a TypeScript worker must pass it as
 * its labels); the Go SDK turns HATCHET_CLIENT_AUTOSCALING_TARGET into its label hatchet-autoscaling-target.
 */
public record WorkerEnvironment(List<EnvVar> env, List<Volume> volumes, List<VolumeMount> mounts) {

    /** The Go SDK's source of its worker label hatchet-autoscaling-target (pkg/client/loader/loader.go). */
    public static final String AUTOSCALING_TARGET = "HATCHET_CLIENT_AUTOSCALING_TARGET";
    /** Directory the CA bundle is mounted in. */
    public static final String CA_DIR = "/etc/hatchet/tls/ca";
    /** Directory the client certificate (tls.crt, tls.key) is mounted in. */
    public static final String CLIENT_DIR = "/etc/hatchet/tls/client";

    /** The environment of {@code pool}'s worker container, POD_NAME first so later values can refer to it. */
    public static WorkerEnvironment of(HatchetWorkerPool pool, Duration drainTimeout) {
        HatchetWorkerPoolSpec spec = pool.getSpec();
        EngineSpec engine = spec.engine();
        String name = pool.getMetadata().getName();
        List<EnvVar> env = new ArrayList<>();
        List<Volume> volumes = new ArrayList<>();
        List<VolumeMount> mounts = new ArrayList<>();
        env.add(fieldRef("POD_NAME", "metadata.name"));
        env.add(fieldRef("POD_NAMESPACE", "metadata.namespace"));
        env.add(new EnvVarBuilder().withName("HATCHET_CLIENT_TOKEN").withNewValueFrom().withNewSecretKeyRef()
                .withName(engine.tokenSecretRef().name()).withKey(engine.tokenSecretRef().key()).endSecretKeyRef()
                .endValueFrom().build());
        add(env, "HATCHET_CLIENT_HOST_PORT", engine.hostPort());
        add(env, "HATCHET_CLIENT_SERVER_URL", engine.apiUrl());
        add(env, "HATCHET_CLIENT_API_URL", engine.apiUrl());
        TlsSpec tls = engine.tls() == null ? new TlsSpec(null, null, null, null) : engine.tls();
        add(env, "HATCHET_CLIENT_TLS_STRATEGY", tls.effectiveStrategy().wireValue());
        if (tls.caSecretRef() != null) {
            add(env, "HATCHET_CLIENT_TLS_ROOT_CA_FILE", CA_DIR + "/" + tls.caSecretRef().key());
            volumes.add(secretVolume("hatchet-tls-ca", tls.caSecretRef().name()));
            mounts.add(mount("hatchet-tls-ca", CA_DIR));
        }
        if (tls.clientCertSecretRef() != null) {
            add(env, "HATCHET_CLIENT_TLS_CERT_FILE", CLIENT_DIR + "/tls.crt");
            add(env, "HATCHET_CLIENT_TLS_KEY_FILE", CLIENT_DIR + "/tls.key");
            volumes.add(secretVolume("hatchet-tls-client", tls.clientCertSecretRef().name()));
            mounts.add(mount("hatchet-tls-client", CLIENT_DIR));
        }
        add(env, "HATCHET_CLIENT_TLS_SERVER_NAME", tls.serverName());
        add(env, "HATCHET_CLIENT_NAMESPACE", engine.namespace());
        add(env, "HATCHET_CLIENT_WORKER_PRESET_LABELS", "{\"" + PoolLabels.POOL + "\":\"" + name + "\",\""
                + PoolLabels.POD + "\":\"$(POD_NAME)\"}");
        add(env, AUTOSCALING_TARGET, "$(POD_NAME)");
        env.addAll(RuntimeDefaults.env(spec.effectiveRuntime()));
        add(env, "HATCHET_WORKER_NAME", spec.workerName() == null ? name : spec.workerName());
        add(env, "HATCHET_WORKER_SLOTS", String.valueOf(spec.slots()));
        add(env, "HATCHET_WORKER_DRAIN_TIMEOUT", drainTimeout.toSeconds() + "s");
        return new WorkerEnvironment(List.copyOf(env), List.copyOf(volumes), List.copyOf(mounts));
    }

    /** True for variables the operator sets and the template must not replace (the scale-down relies on them). */
    public static boolean isReserved(String name) {
        return name.equals("POD_NAME") || name.equals("HATCHET_CLIENT_WORKER_PRESET_LABELS")
                || name.equals(AUTOSCALING_TARGET);
    }

    private static void add(List<EnvVar> env, String name, String value) {
        if (value != null && !value.isBlank()) {
            env.add(new EnvVar(name, value, null));
        }
    }

    private static EnvVar fieldRef(String name, String path) {
        return new EnvVarBuilder().withName(name).withNewValueFrom().withNewFieldRef().withApiVersion("v1")
                .withFieldPath(path).endFieldRef().endValueFrom().build();
    }

    private static Volume secretVolume(String volume, String secret) {
        return new VolumeBuilder().withName(volume).withNewSecret().withSecretName(secret).endSecret().build();
    }

    private static VolumeMount mount(String volume, String path) {
        return new VolumeMountBuilder().withName(volume).withMountPath(path).withReadOnly(true).build();
    }
}
