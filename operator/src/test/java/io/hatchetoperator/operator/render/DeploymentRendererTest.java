package io.hatchetoperator.operator.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.hatchetoperator.operator.api.DrainSpec;
import io.hatchetoperator.operator.api.EngineSpec;
import io.hatchetoperator.operator.api.HatchetWorkerPool;
import io.hatchetoperator.operator.api.HatchetWorkerPoolSpec;
import io.hatchetoperator.operator.api.PodSecurity;
import io.hatchetoperator.operator.api.SecretKeyRef;
import io.hatchetoperator.operator.api.SecretRef;
import io.hatchetoperator.operator.api.TlsSpec;
import io.hatchetoperator.operator.api.TlsStrategy;
import io.hatchetoperator.operator.api.WorkerRuntime;
import io.hatchetoperator.operator.support.Pools;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The rendered Deployment: engine environment, template merge, defaults only where the template is silent. */
class DeploymentRendererTest {

    private static HatchetWorkerPool pool(PodTemplateSpec template, EngineSpec engine, DrainSpec drain) {
        return pool(template, engine, drain, null);
    }

    static HatchetWorkerPool pool(PodTemplateSpec template, EngineSpec engine, DrainSpec drain,
                                  WorkerRuntime runtime) {
        HatchetWorkerPool pool = Pools.pool("resize", new HatchetWorkerPoolSpec(null, 7, List.of("resize"), engine,
                template, 2, null, drain, null, runtime, null));
        pool.getMetadata().setUid("uid-1");
        return pool;
    }

    private static EngineSpec engine(TlsSpec tls) {
        return new EngineSpec(new SecretKeyRef("hatchet-token", "token"), "engine.hatchet:7070",
                "https://hatchet.example.com", tls, "images");
    }

    private static Container worker(Deployment d) {
        return d.getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    private static Map<String, EnvVar> env(Deployment d) {
        return worker(d).getEnv().stream().collect(Collectors.toMap(EnvVar::getName, e -> e));
    }

    @Test
    void injectsTheEngineEnvironmentWithPodNameFirst() {
        Deployment d = DeploymentRenderer.render(pool(Pools.template("img:1"), engine(null), null), 2);

        List<String> names = worker(d).getEnv().stream().map(EnvVar::getName).toList();
        assertThat(names.get(0)).isEqualTo("POD_NAME");
        assertThat(names.indexOf("POD_NAME")).isLessThan(names.indexOf("HATCHET_CLIENT_WORKER_PRESET_LABELS"));
        Map<String, EnvVar> env = env(d);
        assertThat(env.get("POD_NAME").getValueFrom().getFieldRef().getFieldPath()).isEqualTo("metadata.name");
        assertThat(env.get("HATCHET_CLIENT_WORKER_PRESET_LABELS").getValue()).isEqualTo(
                "{\"hatchet-operator.io/pool\":\"resize\",\"hatchet-operator.io/pod\":\"$(POD_NAME)\"}");
        assertThat(env.get("HATCHET_CLIENT_AUTOSCALING_TARGET").getValue()).as("the Go SDK's worker label")
                .isEqualTo("$(POD_NAME)");
        assertThat(env.get("HATCHET_CLIENT_TOKEN").getValueFrom().getSecretKeyRef().getName())
                .isEqualTo("hatchet-token");
        assertThat(env.get("HATCHET_CLIENT_TOKEN").getValue()).isNull();
        assertThat(env.get("HATCHET_CLIENT_HOST_PORT").getValue()).isEqualTo("engine.hatchet:7070");
        assertThat(env.get("HATCHET_CLIENT_SERVER_URL").getValue()).isEqualTo("https://hatchet.example.com");
        assertThat(env.get("HATCHET_CLIENT_API_URL").getValue()).isEqualTo("https://hatchet.example.com");
        assertThat(env.get("HATCHET_CLIENT_TLS_STRATEGY").getValue()).isEqualTo("tls");
        assertThat(env.get("HATCHET_CLIENT_NAMESPACE").getValue()).isEqualTo("images");
        assertThat(env.get("HATCHET_WORKER_NAME").getValue()).isEqualTo("resize");
        assertThat(env.get("HATCHET_WORKER_SLOTS").getValue()).isEqualTo("7");
        assertThat(env.get("HATCHET_WORKER_DRAIN_TIMEOUT").getValue()).isEqualTo("600s");
        assertThat(d.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds()).isEqualTo(615L);
        assertThat(d.getSpec().getTemplate().getMetadata().getLabels())
                .containsEntry("hatchet-operator.io/pool", "resize")
                .containsEntry("app.kubernetes.io/managed-by", "hatchet-worker-operator");
        assertThat(d.getSpec().getReplicas()).isEqualTo(2);
        assertThat(d.getMetadata().getOwnerReferences().get(0).getUid()).isEqualTo("uid-1");
    }

    @Test
    void mountsTlsFilesFromSecrets() {
        TlsSpec mtls = new TlsSpec(TlsStrategy.MTLS, new SecretKeyRef("hatchet-ca", "ca.crt"),
                new SecretRef("hatchet-client"), "engine.internal");
        Deployment d = DeploymentRenderer.render(pool(Pools.template("img:1"), engine(mtls), null), 1);

        Map<String, EnvVar> env = env(d);
        assertThat(env.get("HATCHET_CLIENT_TLS_STRATEGY").getValue()).isEqualTo("mtls");
        assertThat(env.get("HATCHET_CLIENT_TLS_ROOT_CA_FILE").getValue()).isEqualTo("/etc/hatchet/tls/ca/ca.crt");
        assertThat(env.get("HATCHET_CLIENT_TLS_CERT_FILE").getValue()).isEqualTo("/etc/hatchet/tls/client/tls.crt");
        assertThat(env.get("HATCHET_CLIENT_TLS_KEY_FILE").getValue()).isEqualTo("/etc/hatchet/tls/client/tls.key");
        assertThat(env.get("HATCHET_CLIENT_TLS_SERVER_NAME").getValue()).isEqualTo("engine.internal");
        PodSpec spec = d.getSpec().getTemplate().getSpec();
        assertThat(spec.getVolumes()).anySatisfy(v -> {
            assertThat(v.getName()).isEqualTo("hatchet-tls-ca");
            assertThat(v.getSecret().getSecretName()).isEqualTo("hatchet-ca");
        }).anySatisfy(v -> assertThat(v.getSecret() != null && "hatchet-client".equals(v.getSecret().getSecretName()))
                .isTrue());
        assertThat(worker(d).getVolumeMounts()).anySatisfy(m -> {
            assertThat(m.getMountPath()).isEqualTo("/etc/hatchet/tls/client");
            assertThat(m.getReadOnly()).isTrue();
        });
    }

    @Test
    void byDefaultAddsNoProbeAndOnlySecurityThatNoImageNotices() {
        Deployment d = DeploymentRenderer.render(pool(Pools.template("img:1"), engine(null), null), 1);

        Container c = worker(d);
        assertThat(c.getLivenessProbe()).as("runtime custom: nothing the worker might not answer").isNull();
        assertThat(c.getReadinessProbe()).isNull();
        assertThat(c.getStartupProbe()).isNull();
        assertThat(env(d)).doesNotContainKey("HATCHET_CLIENT_WORKER_HEALTHCHECK_ENABLED");
        assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isNull();
        assertThat(c.getSecurityContext().getRunAsNonRoot()).isNull();
        assertThat(c.getSecurityContext().getCapabilities()).isNull();
        PodSpec spec = d.getSpec().getTemplate().getSpec();
        assertThat(spec.getSecurityContext().getRunAsUser()).as("the image's user is kept").isNull();
        assertThat(spec.getSecurityContext().getRunAsNonRoot()).isNull();
        assertThat(spec.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(spec.getVolumes()).noneMatch(v -> v.getName().equals("tmp"));
    }

    @Test
    void restrictedIsTheFullProfileWithAWritableTmp() {
        HatchetWorkerPool pool = Pools.pool("resize", new HatchetWorkerPoolSpec(null, 7, List.of("resize"),
                engine(null), Pools.template("img:1"), 2, null, null, null, null, PodSecurity.RESTRICTED));
        Deployment d = DeploymentRenderer.render(pool, 1);

        Container c = worker(d);
        assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(c.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        PodSpec spec = d.getSpec().getTemplate().getSpec();
        assertThat(spec.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(spec.getSecurityContext().getRunAsUser()).isEqualTo(65532L);
        assertThat(spec.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(c.getVolumeMounts()).anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/tmp"));
    }

    @Test
    void noneAddsNoSecurityContext() {
        HatchetWorkerPool pool = Pools.pool("resize", new HatchetWorkerPoolSpec(null, 7, List.of("resize"),
                engine(null), Pools.template("img:1"), 2, null, null, null, null, PodSecurity.NONE));
        Deployment d = DeploymentRenderer.render(pool, 1);

        assertThat(worker(d).getSecurityContext()).isNull();
        assertThat(d.getSpec().getTemplate().getSpec().getSecurityContext()).isNull();
    }

    @Test
    void keepsWhatTheTemplateSets() {
        PodTemplateSpec template = new PodTemplateSpecBuilder()
                .withNewMetadata().withLabels(Map.of("team", "media")).withAnnotations(Map.of("a", "b")).endMetadata()
                .withNewSpec()
                    .withTerminationGracePeriodSeconds(3600L)
                    .withNewSecurityContext().withRunAsUser(1000L).endSecurityContext()
                    .addNewContainer().withName("worker").withImage("img:1")
                        .withNewSecurityContext().withPrivileged(false).withRunAsUser(1000L).endSecurityContext()
                        .withLivenessProbe(new ProbeBuilder().withNewHttpGet().withPath("/health").endHttpGet().build())
                        .addNewEnv().withName("HATCHET_CLIENT_NAMESPACE").withValue("mine").endEnv()
                        .addNewEnv().withName("HATCHET_CLIENT_WORKER_PRESET_LABELS").withValue("{}").endEnv()
                        .addNewEnv().withName("EXTRA").withValue("1").endEnv()
                    .endContainer()
                    .addNewContainer().withName("sidecar").withImage("proxy:1").endContainer()
                .endSpec().build();
        Deployment d = DeploymentRenderer.render(pool(template, engine(null), new DrainSpec("5m"),
                WorkerRuntime.JAVA), 1);

        Container c = worker(d);
        PodSpec spec = d.getSpec().getTemplate().getSpec();
        assertThat(spec.getSecurityContext().getRunAsUser()).isEqualTo(1000L);
        assertThat(spec.getSecurityContext().getRunAsNonRoot()).isNull();
        assertThat(c.getSecurityContext().getRunAsUser()).isEqualTo(1000L);
        assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isNull();
        assertThat(c.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/health");
        assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");
        assertThat(spec.getTerminationGracePeriodSeconds()).isEqualTo(3600L);
        Map<String, EnvVar> env = env(d);
        assertThat(env.get("HATCHET_CLIENT_NAMESPACE").getValue()).as("the template's value wins").isEqualTo("mine");
        assertThat(env.get("HATCHET_CLIENT_WORKER_PRESET_LABELS").getValue()).as("reserved for the operator")
                .contains("hatchet-operator.io/pod");
        assertThat(c.getEnv().stream().filter(e -> e.getName().equals("HATCHET_CLIENT_WORKER_PRESET_LABELS")))
                .hasSize(1);
        assertThat(env.get("EXTRA").getValue()).isEqualTo("1");
        assertThat(env.get("HATCHET_WORKER_DRAIN_TIMEOUT").getValue()).isEqualTo("300s");
        assertThat(d.getSpec().getTemplate().getMetadata().getLabels()).containsEntry("team", "media")
                .containsEntry("hatchet-operator.io/pool", "resize");
        assertThat(d.getSpec().getTemplate().getMetadata().getAnnotations()).containsEntry("a", "b");
        Container sidecar = spec.getContainers().get(1);
        assertThat(sidecar.getEnv()).isEmpty();
        assertThat(sidecar.getLivenessProbe()).isNull();
        assertThat(spec.getVolumes()).noneMatch(v -> v.getName().equals("tmp"));
    }

    @Test
    void rollingUpdatesSurgeAndNeverTakeAWorkerAwayBeforeItsReplacementIsReady() {
        Deployment d = DeploymentRenderer.render(pool(Pools.template("img:1"), engine(null), null), 4);

        var strategy = d.getSpec().getStrategy();
        assertThat(strategy.getType()).isEqualTo("RollingUpdate");
        assertThat(strategy.getRollingUpdate().getMaxUnavailable().getIntVal()).isZero();
        assertThat(strategy.getRollingUpdate().getMaxSurge().getStrVal()).isEqualTo("25%");
        // old pods drain on SIGTERM: the kubelet waits the drain timeout and a margin before SIGKILL
        assertThat(d.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds())
                .isEqualTo(DeploymentRenderer.DEFAULT_DRAIN_TIMEOUT.plus(DeploymentRenderer.GRACE_MARGIN).toSeconds());
    }

    @Test
    void renderingIsDeterministicAndLeavesTheSpecUntouched() {
        HatchetWorkerPool pool = pool(Pools.template("img:1"), engine(null), null);
        String before = pool.getSpec().template().toString();
        assertThat(DeploymentRenderer.render(pool, 3)).isEqualTo(DeploymentRenderer.render(pool, 3));
        assertThat(pool.getSpec().template().toString()).isEqualTo(before);
    }
}
