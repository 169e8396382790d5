package io.hatchetoperator.operator.reconciler;

import static io.hatchetoperator.operator.support.OperatorFixture.condition;
import static io.hatchetoperator.operator.support.OperatorFixture.deployment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.hatchetoperator.operator.HatchetOperator;
import io.hatchetoperator.operator.api.DisruptionBudgetSpec;
import io.hatchetoperator.operator.api.HatchetWorkerPool;
import io.hatchetoperator.operator.api.HatchetWorkerPoolSpec;
import io.hatchetoperator.operator.support.MockCluster;
import io.hatchetoperator.operator.support.OperatorFixture;
import io.hatchetoperator.operator.support.Pools;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Create, update, scale and delete of a manual pool and the objects it owns, against the CRUD mock. */
class PoolLifecycleIT {

    private static MockCluster cluster;
    private static KubernetesClient client;
    private static HatchetOperator operator;

    @BeforeAll
    static void start() {
        cluster = new MockCluster("PoolLifecycleIT");
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
    void createsAnOwnedDeploymentAndReportsStatus() {
        HatchetWorkerPool created = client.resource(Pools.manual("create", 2)).create();

        await().atMost(Duration.ofSeconds(10)).until(() -> deployment(client, "create") != null);
        Deployment d = deployment(client, "create");
        assertThat(d.getSpec().getReplicas()).isEqualTo(2);
        assertThat(d.getSpec().getSelector().getMatchLabels()).containsEntry("hatchet-operator.io/pool", "create");
        assertThat(d.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by",
                "hatchet-worker-operator");
        OwnerReference owner = d.getMetadata().getOwnerReferences().get(0);
        assertThat(owner.getKind()).isEqualTo("HatchetWorkerPool");
        assertThat(owner.getUid()).isEqualTo(created.getMetadata().getUid());
        assertThat(owner.getController()).isTrue();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            var status = OperatorFixture.pool(client, "create").getStatus();
            assertThat(status.getDesiredReplicas()).isEqualTo(2);
            assertThat(status.getMode()).isEqualTo("Manual");
            assertThat(status.getSelector()).isEqualTo("hatchet-operator.io/pool=create");
            assertThat(status.getObservedGeneration()).isEqualTo(created.getMetadata().getGeneration());
        });
        assertThat(condition(client, "create", "SpecValid")).isEqualTo("True/Valid");
        assertThat(condition(client, "create", "EngineConfigured")).isEqualTo("True/SecretsFound");
        assertThat(condition(client, "create", "Ready")).isEqualTo("False/PodsStarting");
        await().atMost(Duration.ofSeconds(5)).until(() -> client.v1().events().inNamespace(MockCluster.NAMESPACE)
                .list().getItems().stream().map(Event::getReason).anyMatch("DeploymentCreated"::equals));
    }

    @Test
    void scalingAndTemplateEditsReachTheDeployment() {
        client.resource(Pools.manual("scale", 1)).create();
        await().atMost(Duration.ofSeconds(10)).until(() -> deployment(client, "scale") != null);

        // `kubectl scale hwp scale --replicas 3` goes through the scale subresource (.spec.replicas).
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> {
            client.resources(HatchetWorkerPool.class).inNamespace(MockCluster.NAMESPACE).withName("scale").scale(3);
            return true;
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> deployment(client, "scale").getSpec().getReplicas() == 3);

        OperatorFixture.editSpec(client, "scale", spec -> new HatchetWorkerPoolSpec(spec.workerName(), spec.slots(),
                spec.tasks(), spec.engine(), Pools.template("ghcr.io/example/worker:2.0"), spec.replicas(), null,
                spec.drain(), spec.disruptionBudget()));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Deployment d = deployment(client, "scale");
            assertThat(d.getSpec().getReplicas()).isEqualTo(3);
            assertThat(d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                    .isEqualTo("ghcr.io/example/worker:2.0");
        });
        await().atMost(Duration.ofSeconds(10)).until(() ->
                OperatorFixture.pool(client, "scale").getStatus().getDesiredReplicas() == 3);
    }

    @Test
    void recreatesADeletedDeploymentAndManagesTheDisruptionBudget() {
        client.resource(Pools.manual("owned", 2)).create();
        await().atMost(Duration.ofSeconds(10)).until(() -> deployment(client, "owned") != null);

        client.apps().deployments().inNamespace(MockCluster.NAMESPACE).withName("owned").delete();
        await().atMost(Duration.ofSeconds(10)).until(() -> deployment(client, "owned") != null);

        OperatorFixture.editSpec(client, "owned", spec -> new HatchetWorkerPoolSpec(spec.workerName(), spec.slots(), spec.tasks(), spec.engine(),
                spec.template(), spec.replicas(), null, spec.drain(), new DisruptionBudgetSpec(1)));
        await().atMost(Duration.ofSeconds(10)).until(() -> budget("owned") != null);
        assertThat(budget("owned").getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
        assertThat(budget("owned").getMetadata().getOwnerReferences()).hasSize(1);
        OperatorFixture.editSpec(client, "owned", spec -> new HatchetWorkerPoolSpec(spec.workerName(), spec.slots(),
                spec.tasks(), spec.engine(), spec.template(), spec.replicas(), null, spec.drain(),
                new DisruptionBudgetSpec(2)));
        await().atMost(Duration.ofSeconds(10)).until(() ->
                budget("owned").getSpec().getMaxUnavailable().getIntVal() == 2);

        OperatorFixture.editSpec(client, "owned", spec -> new HatchetWorkerPoolSpec(spec.workerName(), spec.slots(), spec.tasks(), spec.engine(),
                spec.template(), spec.replicas(), null, spec.drain(), null));
        await().atMost(Duration.ofSeconds(10)).until(() -> budget("owned") == null);

        // Deleting the pool leaves the rest to the API server's garbage collector (the mock has none): the
        // operator must not recreate anything for a pool that is gone.
        client.resources(HatchetWorkerPool.class).inNamespace(MockCluster.NAMESPACE).withName("owned").delete();
        // Give the operator's informer time to see the deletion (the mock has no garbage collector).
        await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> true);
        client.apps().deployments().inNamespace(MockCluster.NAMESPACE).withName("owned").delete();
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .until(() -> deployment(client, "owned") == null);
    }

    @Test
    void servesHealthReadinessAndMetrics() {
        client.resource(Pools.manual("observed", 2)).create();
        await().atMost(Duration.ofSeconds(10)).until(() -> deployment(client, "observed") != null);

        assertThat(OperatorFixture.http(operator, "/healthz")).isEqualTo(java.util.Map.entry(200, "ok\n"));
        assertThat(OperatorFixture.http(operator, "/readyz").getKey()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(
                OperatorFixture.http(operator, "/metrics").getValue())
                .contains("hatchet_worker_operator_pool_desired_replicas{namespace=\"test\",pool=\"observed\"} 2.0")
                .contains("hatchet_worker_operator_pool_ready_replicas{namespace=\"test\",pool=\"observed\"} 0.0")
                .contains("hatchet_worker_operator_reconcile_duration_seconds_count")
                .contains("hatchet_worker_operator_reconciliations_total{result=\"ok\"}")
                .contains("hatchet_worker_operator_leader 1.0")
                .contains("hatchet_worker_operator_build_info{java_version=")
                .contains("jvm_memory_used_bytes{area=\"heap\"}")
                .contains("process_cpu_seconds_total"));
    }

    private static io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget budget(String name) {
        return client.policy().v1().podDisruptionBudget().inNamespace(MockCluster.NAMESPACE).withName(name).get();
    }
}
