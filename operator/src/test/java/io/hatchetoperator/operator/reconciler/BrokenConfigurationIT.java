package io.hatchetoperator.operator.reconciler;

import static io.hatchetoperator.operator.support.OperatorFixture.condition;
import static io.hatchetoperator.operator.support.OperatorFixture.deployment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.hatchetoperator.operator.HatchetOperator;
import io.hatchetoperator.operator.api.AutoscalingSpec;
import io.hatchetoperator.operator.api.HatchetWorkerPool;
import io.hatchetoperator.operator.api.HatchetWorkerPoolSpec;
import io.hatchetoperator.operator.support.MockCluster;
import io.hatchetoperator.operator.support.OperatorFixture;
import io.hatchetoperator.operator.support.Pools;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A missing Secret and an invalid spec are reported on the pool, and an existing Deployment is left alone. */
class BrokenConfigurationIT {

    private static MockCluster cluster;
    private static KubernetesClient client;
    private static HatchetOperator operator;

    @BeforeAll
    static void start() {
        cluster = new MockCluster("BrokenConfigurationIT");
        client = cluster.client();
        operator = OperatorFixture.start(cluster.operatorClient(), OperatorFixture.settings());
    }

    @AfterAll
    static void stop() {
        operator.stop();
        cluster.close();
    }

    @Test
    void missingSecretIsReportedThenPickedUpOnceCreated() {
        HatchetWorkerPool pool = Pools.manual("nosecret", 1);
        pool.setSpec(withTokenSecret(pool.getSpec(), "late-token"));
        client.resource(pool).create();

        await().atMost(Duration.ofSeconds(10)).until(() ->
                "False/SecretNotFound".equals(condition(client, "nosecret", "EngineConfigured")));
        HatchetWorkerPool reported = OperatorFixture.pool(client, "nosecret");
        assertThat(message(reported, "EngineConfigured")).contains("Secret 'late-token'")
                .contains("kubectl -n test create secret generic late-token --from-literal=token=");
        assertThat(condition(client, "nosecret", "Ready")).isEqualTo("False/SecretNotFound");
        assertThat(deployment(client, "nosecret")).isNull();
        // The broken pool does not hold up the others.
        client.resource(Pools.tokenSecret("hatchet-token")).create();
        client.resource(Pools.manual("healthy", 1)).create();
        await().atMost(Duration.ofSeconds(10)).until(() -> deployment(client, "healthy") != null);
        assertThat(deployment(client, "nosecret")).isNull();
        await().atMost(Duration.ofSeconds(5)).until(() -> client.v1().events().inNamespace(MockCluster.NAMESPACE)
                .list().getItems().stream().anyMatch(e -> "SecretNotFound".equals(e.getReason())
                        && "Warning".equals(e.getType())));

        client.resource(Pools.tokenSecret("late-token")).create();

        await().atMost(Duration.ofSeconds(10)).until(() -> deployment(client, "nosecret") != null);
        await().atMost(Duration.ofSeconds(10)).until(() ->
                "True/SecretsFound".equals(condition(client, "nosecret", "EngineConfigured")));
    }

    @Test
    void invalidSpecKeepsTheDeploymentAsItIs() {
        if (client.secrets().inNamespace(MockCluster.NAMESPACE).withName("hatchet-token").get() == null) {
            client.resource(Pools.tokenSecret("hatchet-token")).create();
        }
        client.resource(Pools.autoscaled("invalid", 2, 5)).create();
        await().atMost(Duration.ofSeconds(10)).until(() -> deployment(client, "invalid") != null);
        Deployment before = deployment(client, "invalid");
        assertThat(before.getSpec().getReplicas()).isEqualTo(2);

        // min above max: the API server would reject it; the mock does not, so the operator must.
        OperatorFixture.editSpec(client, "invalid", s -> new HatchetWorkerPoolSpec(s.workerName(), 0, s.tasks(),
                s.engine(), s.template(), null, new AutoscalingSpec(9, 3, null, null, null, null, null, null, null),
                s.drain(), null));

        await().atMost(Duration.ofSeconds(10)).until(() ->
                "False/InvalidSpec".equals(condition(client, "invalid", "SpecValid")));
        String message = message(OperatorFixture.pool(client, "invalid"), "SpecValid");
        assertThat(message).contains("spec.slots is '0': set the worker's concurrent task runs, 1 to 1000")
                .contains("spec.autoscaling.minReplicas is '9': lower it to at most spec.autoscaling.maxReplicas (3)");
        assertThat(condition(client, "invalid", "Ready")).isEqualTo("False/InvalidSpec");
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() ->
                deployment(client, "invalid").getMetadata().getResourceVersion()
                        .equals(before.getMetadata().getResourceVersion()));
        assertThat(client.v1().events().inNamespace(MockCluster.NAMESPACE).list().getItems().stream()
                .map(Event::getReason)).contains("InvalidSpec");
    }

    private static HatchetWorkerPoolSpec withTokenSecret(HatchetWorkerPoolSpec s, String secret) {
        return new HatchetWorkerPoolSpec(s.workerName(), s.slots(), s.tasks(),
                new io.hatchetoperator.operator.api.EngineSpec(
                        new io.hatchetoperator.operator.api.SecretKeyRef(secret, "token"), null, null, null, null),
                s.template(), s.replicas(), s.autoscaling(), s.drain(), s.disruptionBudget());
    }

    private static String message(HatchetWorkerPool pool, String type) {
        return pool.getStatus().getConditions().stream().filter(c -> type.equals(c.getType())).findFirst()
                .orElseThrow().getMessage();
    }
}
