package io.hatchetoperator.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.hatchetoperator.operator.render.DeploymentRenderer;
import io.hatchetoperator.operator.support.Pools;
import org.junit.jupiter.api.Test;

/** desired ⊆ actual: server-added fields are ignored, any change to what the operator renders is not. */
class DesiredStateMatcherTest {

    private static Deployment desired(int replicas) {
        var pool = Pools.manual("m", replicas);
        pool.getMetadata().setUid("u");
        return DeploymentRenderer.render(pool, replicas);
    }

    /** What an API server returns: defaults, status, bookkeeping. */
    private static Deployment asServerReturnsIt(Deployment d) {
        return new DeploymentBuilder(d)
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
}
