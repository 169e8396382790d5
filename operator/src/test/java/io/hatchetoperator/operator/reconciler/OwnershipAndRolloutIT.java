package io.hatchetoperator.operator.reconciler;

import static io.hatchetoperator.operator.support.OperatorFixture.condition;
import static io.hatchetoperator.operator.support.OperatorFixture.deployment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.hatchetoperator.operator.HatchetOperator;
import io.hatchetoperator.operator.support.MockCluster;
import io.hatchetoperator.operator.support.OperatorFixture;
import io.hatchetoperator.operator.support.Pools;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A Deployment the pool does not own is reported and left alone; a failing Deployment shows in Ready. */
class OwnershipAndRolloutIT {

    private static MockCluster cluster;
    private static KubernetesClient client;
    private static HatchetOperator operator;

    @BeforeAll
    static void start() {
        cluster = new MockCluster("OwnershipAndRolloutIT");
        client = cluster.client();
        client.resource(Pools.tokenSecret("hatchet-token")).create();
        operator = OperatorFixture.start(cluster.operatorClient(), OperatorFixture.settings());
    }

    @AfterAll
    static void stop() {
        operator.stop();
        cluster.close();
    }

    @Test
    void aDeploymentOfTheSameNameNotOwnedByThePoolIsReportedNeverTakenOver() {
        Deployment theirs = client.resource(new DeploymentBuilder().withNewMetadata().withName("taken")
                .withNamespace(MockCluster.NAMESPACE).addToLabels("app", "legacy").endMetadata()
                .withNewSpec().withReplicas(3).withNewSelector().addToMatchLabels("app", "legacy").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", "legacy").endMetadata().withNewSpec()
                .addNewContainer().withName("legacy").withImage("legacy:1").endContainer().endSpec().endTemplate()
                .endSpec().build()).create();

        client.resource(Pools.manual("taken", 1)).create();

        await().atMost(Duration.ofSeconds(10)).until(() ->
                "False/DeploymentNotOwned".equals(condition(client, "taken", "Ready")));
        Deployment after = deployment(client, "taken");
        assertThat(after.getMetadata().getResourceVersion()).as("never written")
                .isEqualTo(theirs.getMetadata().getResourceVersion());
        assertThat(after.getSpec().getReplicas()).isEqualTo(3);
        assertThat(after.getMetadata().getOwnerReferences()).isNullOrEmpty();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(client.v1().events()
                .inNamespace(MockCluster.NAMESPACE).list().getItems()).anySatisfy((Event e) -> {
                    assertThat(e.getReason()).isEqualTo("DeploymentNotOwned");
                    assertThat(e.getType()).isEqualTo("Warning");
                    assertThat(e.getMessage()).contains("does not take it over");
                }));
    }

    @Test
    void aDeploymentThatCannotCreatePodsSurfacesInTheReadyReason() {
        client.resource(Pools.manual("quota", 2)).create();
        await().atMost(Duration.ofSeconds(10)).until(() -> deployment(client, "quota") != null);

        client.apps().deployments().inNamespace(MockCluster.NAMESPACE).withName("quota").editStatus(d ->
                new DeploymentBuilder(d).withNewStatus().withReplicas(0).withReadyReplicas(0)
                        .addNewCondition().withType("ReplicaFailure").withStatus("True").withReason("FailedCreate")
                        .withMessage("pods \"quota-1\" is forbidden: exceeded quota").endCondition()
                        .endStatus().build());

        await().atMost(Duration.ofSeconds(10)).until(() ->
                "False/FailedCreate".equals(condition(client, "quota", "Ready")));
        assertThat(OperatorFixture.pool(client, "quota").getStatus().getConditions()).anySatisfy(c ->
                assertThat(c.getMessage()).contains("ReplicaFailure=True").contains("exceeded quota"));
    }
}
