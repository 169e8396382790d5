package io.hatchetoperator.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.hatchetoperator.operator.render.DeploymentRenderer;
import io.hatchetoperator.operator.support.ApiServerForm;
import io.hatchetoperator.operator.support.Pools;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** desired ⊆ actual: server-added fields are ignored, any change to what the operator renders is not. */
class DesiredStateMatcherTest {

    private static Deployment desired(int replicas) {
        var pool = Pools.manual("m", replicas);
        pool.getMetadata().setUid("u");
        return DeploymentRenderer.render(pool, replicas);
    }

    private static Deployment withTemplate(java.util.function.Consumer<PodTemplateSpec> change) {
        var pool = Pools.manual("m", 2);
        pool.getMetadata().setUid("u");
        change.accept(pool.getSpec().template());
        return DeploymentRenderer.render(pool, 2);
    }

    private static Deployment written(Deployment desired) {
        return DesiredStateMatcher.stamped(new DeploymentBuilder(desired).build());
    }

    /** What an API server returns: defaults, status, bookkeeping. */
    private static Deployment asServerReturnsIt(Deployment d) {
        return new DeploymentBuilder(written(d))
                .editMetadata().withResourceVersion("42").withUid("d-uid").addToLabels("extra", "x")
                    .addToAnnotations("deployment.kubernetes.io/revision", "1").endMetadata()
                .editSpec().withRevisionHistoryLimit(10).withProgressDeadlineSeconds(600)
                    .editTemplate().editSpec().withDnsPolicy("ClusterFirst").withRestartPolicy("Always")
                        .editFirstContainer().withImagePullPolicy("IfNotPresent")
                            .withTerminationMessagePath("/dev/termination-log").endContainer()
                    .endSpec().endTemplate()
                .endSpec()
                .withNewStatus().withReplicas(2).withReadyReplicas(1).endStatus()
                .build();
    }

    @Test
    void serverDefaultsAndStatusDoNotCountAsDrift() {
        assertThat(DesiredStateMatcher.matches(desired(2), asServerReturnsIt(desired(2)))).isTrue();
    }

    @Test
    void changesToRenderedFieldsAreDrift() {
        Deployment actual = asServerReturnsIt(desired(2));
        assertThat(DesiredStateMatcher.matches(desired(3), actual)).as("replicas").isFalse();
        Deployment edited = new DeploymentBuilder(actual).editSpec().editTemplate().editSpec().editFirstContainer()
                .withImage("other:2").endContainer().endSpec().endTemplate().endSpec().build();
        assertThat(DesiredStateMatcher.matches(desired(2), edited)).as("image").isFalse();
        Deployment lostEnv = new DeploymentBuilder(actual).editSpec().editTemplate().editSpec().editFirstContainer()
                .removeFromEnv(actual.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().get(3))
                .endContainer().endSpec().endTemplate().endSpec().build();
        assertThat(DesiredStateMatcher.matches(desired(2), lostEnv)).as("an env entry removed").isFalse();
        Deployment relabeled = new DeploymentBuilder(actual).editMetadata()
                .addToLabels("app.kubernetes.io/managed-by", "someone-else").endMetadata().build();
        assertThat(DesiredStateMatcher.matches(desired(2), relabeled)).as("label").isFalse();
        assertThat(DesiredStateMatcher.matches(desired(2), null)).as("missing").isFalse();
    }

    @ParameterizedTest
    @CsvSource({"1000m,1", "0.5,500m", "1024Mi,1Gi", "1.5Gi,1536Mi", "100m,100m", "2,2", "1500,1500", "2000,2k",
            "0.1,100m", "512Mi,512Mi"})
    void theFixtureCanonicalizesQuantitiesLikeTheApiServer(String written, String returned) {
        assertThat(ApiServerForm.canonical(written)).isEqualTo(returned);
    }

    @Test
    void quantitiesInTheServersCanonicalFormAreNotDrift() {
        Deployment desired = withTemplate(t -> t.getSpec().getContainers().get(0).setResources(
                new ResourceRequirementsBuilder()
                        .withRequests(Map.of("cpu", new Quantity("0.5"), "memory", new Quantity("1024Mi")))
                        .withLimits(Map.of("cpu", new Quantity("1000m"), "memory", new Quantity("1.5Gi")))
                        .build()));
        Deployment returned = ApiServerForm.of(written(desired));
        var resources = returned.getSpec().getTemplate().getSpec().getContainers().get(0).getResources();
        assertThat(resources.getLimits().get("cpu").toString()).as("the server's form differs").isEqualTo("1");
        assertThat(resources.getRequests().get("memory").toString()).isEqualTo("1Gi");

        assertThat(DesiredStateMatcher.matches(desired, returned)).isTrue();
        assertThat(DesiredStateMatcher.matches(desired(2), ApiServerForm.of(written(desired(2))))).isTrue();
    }

    @Test
    void aDifferentQuantityIsDrift() {
        Deployment desired = withTemplate(t -> t.getSpec().getContainers().get(0).setResources(
                new ResourceRequirementsBuilder().withLimits(Map.of("cpu", new Quantity("1"))).build()));
        Deployment actual = ApiServerForm.of(written(withTemplate(t -> t.getSpec().getContainers().get(0)
                .setResources(new ResourceRequirementsBuilder().withLimits(Map.of("cpu", new Quantity("1100m")))
                        .build()))));
        assertThat(DesiredStateMatcher.matches(desired, actual)).isFalse();
    }

    @Test
    void aFieldRemovedFromTheRenderingIsDrift() {
        Deployment before = ApiServerForm.of(written(withTemplate(t -> {
            t.getSpec().setNodeSelector(Map.of("pool", "gpu"));
            t.getSpec().getContainers().get(0).setResources(new ResourceRequirementsBuilder()
                    .withLimits(Map.of("memory", new Quantity("1Gi"))).build());
        })));
        Deployment withoutNodeSelector = withTemplate(t -> t.getSpec().getContainers().get(0).setResources(
                new ResourceRequirementsBuilder().withLimits(Map.of("memory", new Quantity("1Gi"))).build()));
        Deployment withoutLimit = withTemplate(t -> t.getSpec().setNodeSelector(Map.of("pool", "gpu")));

        assertThat(DesiredStateMatcher.matches(withoutNodeSelector, before)).as("nodeSelector removed").isFalse();
        assertThat(DesiredStateMatcher.sameTemplate(withoutNodeSelector, before)).isFalse();
        assertThat(DesiredStateMatcher.matches(withoutLimit, before)).as("limit removed").isFalse();
    }

    @Test
    void aReplicaChangeAloneKeepsTheTemplate() {
        Deployment actual = ApiServerForm.of(written(desired(2)));
        assertThat(DesiredStateMatcher.matches(desired(5), actual)).isFalse();
        assertThat(DesiredStateMatcher.sameTemplate(desired(5), actual)).isTrue();
    }
}
