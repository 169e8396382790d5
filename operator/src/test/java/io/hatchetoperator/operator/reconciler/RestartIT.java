package io.hatchetoperator.operator.reconciler;

import static io.hatchetoperator.operator.support.OperatorFixture.deployment;
import static io.hatchetoperator.operator.support.OperatorFixture.reconciliations;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import java.util.List;
import org.junit.jupiter.api.Test;

/** A restarted operator writes nothing when every Deployment is already right. */
class RestartIT {

    private static boolean settled(KubernetesClient client, String name) {
        HatchetWorkerPool pool = OperatorFixture.pool(client, name);
        return pool.getStatus() != null && pool.getStatus().getObservedGeneration() != null
                && OperatorFixture.condition(client, name, "Ready") != null;
    }

    @Test
    void restartChangesNothingThatIsAlreadyRight() {
        try (MockCluster cluster = new MockCluster("RestartIT")) {
            KubernetesClient client = cluster.client();
            client.resource(Pools.tokenSecret("hatchet-token")).create();
            HatchetWorkerPool manual = Pools.manual("steady", 3);
            HatchetWorkerPoolSpec s = manual.getSpec();
            manual.setSpec(new HatchetWorkerPoolSpec(s.workerName(), s.slots(), s.tasks(), s.engine(), s.template(),
                    s.replicas(), null, s.drain(), new DisruptionBudgetSpec(1)));
            client.resource(manual).create();
            client.resource(Pools.autoscaled("auto", 2, 6)).create();

            HatchetOperator first = OperatorFixture.start(cluster.operatorClient(), OperatorFixture.settings());
            await().atMost(Duration.ofSeconds(15)).until(() -> deployment(client, "steady") != null
                    && deployment(client, "auto") != null && settled(client, "steady") && settled(client, "auto"));
            int[] seen = {-1};
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(500)).until(() -> {
                int now = cluster.mark();
                boolean quiet = now == seen[0];
                seen[0] = now;
                return quiet;
            });
            first.stop();
            Deployment steady = deployment(client, "steady");
            Deployment auto = deployment(client, "auto");
            String poolVersion = OperatorFixture.pool(client, "steady").getMetadata().getResourceVersion();
            int mark = cluster.mark();

            HatchetOperator second = OperatorFixture.start(cluster.operatorClient(), OperatorFixture.settings());
            try {
                await().atMost(Duration.ofSeconds(15)).until(() -> reconciliations(second, "ok") >= 2);
                List<String> writes = cluster.callsSince(mark).stream().filter(c -> !c.startsWith("GET ")).toList();
                assertThat(writes).as("API writes after the restart").isEmpty();
                assertThat(deployment(client, "steady").getMetadata().getResourceVersion())
                        .isEqualTo(steady.getMetadata().getResourceVersion());
                assertThat(deployment(client, "auto").getMetadata().getResourceVersion())
                        .isEqualTo(auto.getMetadata().getResourceVersion());
                assertThat(OperatorFixture.pool(client, "steady").getMetadata().getResourceVersion())
                        .isEqualTo(poolVersion);
                assertThat(auto.getSpec().getReplicas()).as("autoscaled, no decision yet: minReplicas").isEqualTo(2);
            } finally {
                second.stop();
            }
        }
    }
}
