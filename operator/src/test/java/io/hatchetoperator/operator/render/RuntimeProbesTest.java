package io.hatchetoperator.operator.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.hatchetoperator.operator.api.EngineSpec;
import io.hatchetoperator.operator.api.SecretKeyRef;
import io.hatchetoperator.operator.api.WorkerRuntime;
import io.hatchetoperator.operator.support.Pools;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** Each runtime gets the health-check environment and only the probes its SDK really serves. */
class RuntimeProbesTest {

    private static final EngineSpec ENGINE = new EngineSpec(new SecretKeyRef("hatchet-token", "token"),
            "engine:7070", null, null, null);

    private static Deployment render(WorkerRuntime runtime, PodTemplateSpec template) {
        return DeploymentRenderer.render(DeploymentRendererTest.pool(template, ENGINE, null, runtime), 1);
    }

    private static Container worker(Deployment d) {
        return d.getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    private static Map<String, String> env(Container c) {
        return c.getEnv().stream().filter(e -> e.getValue() != null)
                .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue, (a, b) -> b));
    }

    private static String path(Probe probe) {
        return probe == null ? "none" : probe.getHttpGet().getPath() + ":" + probe.getHttpGet().getPort().getIntVal();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "JAVA,       true,  /livez:8001, /readyz:8001, /livez:8001",
        "TYPESCRIPT, true,  /livez:8001, /readyz:8001, /livez:8001",
        "PYTHON,     true,  none,        /health:8001, none",
        "GO,         false, none,        none,         none",
        "CUSTOM,     false, none,        none,         none"})
    void probesOnlyWhatTheSdkServes(WorkerRuntime runtime, boolean healthServer, String liveness, String readiness,
                                    String startup) {
        Container c = worker(render(runtime, Pools.template("img:1")));

        assertThat(path(c.getLivenessProbe())).isEqualTo(liveness);
        assertThat(path(c.getReadinessProbe())).isEqualTo(readiness);
        assertThat(path(c.getStartupProbe())).isEqualTo(startup);
        if (healthServer) {
            assertThat(env(c)).containsEntry("HATCHET_CLIENT_WORKER_HEALTHCHECK_ENABLED", "true")
                    .containsEntry("HATCHET_CLIENT_WORKER_HEALTHCHECK_PORT", "8001");
        } else {
            assertThat(env(c)).doesNotContainKeys("HATCHET_CLIENT_WORKER_HEALTHCHECK_ENABLED",
                    "HATCHET_CLIENT_WORKER_HEALTHCHECK_PORT");
        }
    }

    @ParameterizedTest
    @EnumSource(WorkerRuntime.class)
    void everyRuntimeGetsThePodNameInBothFormsTheSdksReport(WorkerRuntime runtime) {
        Map<String, String> env = env(worker(render(runtime, Pools.template("img:1"))));

        assertThat(env).containsEntry("HATCHET_CLIENT_AUTOSCALING_TARGET", "$(POD_NAME)")
                .containsKey("HATCHET_CLIENT_WORKER_PRESET_LABELS");
    }

    @ParameterizedTest
    @EnumSource(value = WorkerRuntime.class, names = {"JAVA", "TYPESCRIPT", "PYTHON"})
    void probesFollowThePortTheTemplateSets(WorkerRuntime runtime) {
        PodTemplateSpec template = new PodTemplateSpecBuilder(Pools.template("img:1")).editSpec()
                .editFirstContainer().addNewEnv().withName("HATCHET_CLIENT_WORKER_HEALTHCHECK_PORT").withValue("9100")
                .endEnv().endContainer().endSpec().build();

        Container c = worker(render(runtime, template));

        assertThat(c.getReadinessProbe().getHttpGet().getPort().getIntVal()).isEqualTo(9100);
        assertThat(env(c)).containsEntry("HATCHET_CLIENT_WORKER_HEALTHCHECK_PORT", "9100");
    }

    @ParameterizedTest
    @EnumSource(value = WorkerRuntime.class, names = {"JAVA", "TYPESCRIPT", "PYTHON"})
    void aHealthServerTurnedOffGetsNoProbe(WorkerRuntime runtime) {
        PodTemplateSpec template = new PodTemplateSpecBuilder(Pools.template("img:1")).editSpec()
                .editFirstContainer().addNewEnv().withName("HATCHET_CLIENT_WORKER_HEALTHCHECK_ENABLED")
                .withValue("false").endEnv().endContainer().endSpec().build();

        Container c = worker(render(runtime, template));

        assertThat(c.getLivenessProbe()).isNull();
        assertThat(c.getReadinessProbe()).isNull();
        assertThat(env(c)).containsEntry("HATCHET_CLIENT_WORKER_HEALTHCHECK_ENABLED", "false");
    }

    @ParameterizedTest
    @CsvSource({"9200, 9200", "0, none", "-1, none"})
    void theJavaRuntimesOwnPortWins(String port, String probed) {
        PodTemplateSpec template = new PodTemplateSpecBuilder(Pools.template("img:1")).editSpec()
                .editFirstContainer().addNewEnv().withName("HATCHET_WORKER_HEALTH_PORT").withValue(port)
                .endEnv().endContainer().endSpec().build();

        Container c = worker(render(WorkerRuntime.JAVA, template));

        assertThat(path(c.getReadinessProbe())).isEqualTo(probed.equals("none") ? "none" : "/readyz:" + probed);
    }
}
