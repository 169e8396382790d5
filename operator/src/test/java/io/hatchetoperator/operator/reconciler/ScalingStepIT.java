package io.hatchetoperator.operator.reconciler;

import static io.hatchetoperator.operator.support.OperatorFixture.deployment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.hatchetoperator.operator.HatchetOperator;
import io.hatchetoperator.operator.api.HatchetWorkerPool;
import io.hatchetoperator.operator.api.HatchetWorkerPoolStatus;
import io.hatchetoperator.operator.api.LastDecision;
import io.hatchetoperator.operator.support.MockCluster;
import io.hatchetoperator.operator.support.OperatorFixture;
import io.hatchetoperator.operator.support.Pools;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** The autoscaling seam: what a ScalingStep writes into status is what the Deployment is rendered with. */
class ScalingStepIT {

    @Test
    void theDeploymentFollowsTheStepsDecision() {
        Set<String> stepped = ConcurrentHashMap.newKeySet();
        Set<EngineConnection> connections = ConcurrentHashMap.newKeySet();
        Set<String> forgotten = ConcurrentHashMap.newKeySet();
        ScalingStep step = new ScalingStep() {
            @Override
            public Optional<Duration> apply(HatchetWorkerPool pool, HatchetWorkerPoolStatus status,
                                            EngineConnection engine) {
                stepped.add(pool.getMetadata().getName());
                connections.add(engine);
                decide(status, 4);
                return Optional.of(Duration.ofSeconds(1));
            }

            @Override
            public void forget(String namespace, String name) {
                forgotten.add(namespace + "/" + name);
            }
        };
        try (MockCluster cluster = new MockCluster("ScalingStepIT")) {
            KubernetesClient client = cluster.client();
            client.resource(Pools.tokenSecret("hatchet-token")).create();
            client.resource(Pools.autoscaled("auto", 1, 10)).create();
            client.resource(Pools.manual("fixed", 2)).create();
            HatchetOperator operator = new HatchetOperator(OperatorFixture.settings(), cluster.operatorClient(), step);
            operator.start();
            try {
                await().atMost(Duration.ofSeconds(15)).until(() -> deployment(client, "auto") != null
                        && deployment(client, "auto").getSpec().getReplicas() == 4);
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                    HatchetWorkerPoolStatus status = OperatorFixture.pool(client, "auto").getStatus();
                    assertThat(status.getDesiredReplicas()).isEqualTo(4);
                    assertThat(status.getQueued()).isEqualTo(130L);
                    assertThat(status.getBusySlots()).isEqualTo("100%");
                    assertThat(status.getLastDecision().reason()).isEqualTo("QueueBacklog");
                    assertThat(status.getMode()).isEqualTo("Autoscaling");
                });
                await().atMost(Duration.ofSeconds(10)).until(() -> deployment(client, "fixed") != null);
                assertThat(deployment(client, "fixed").getSpec().getReplicas()).isEqualTo(2);
                assertThat(stepped).containsExactly("auto");
                assertThat(connections).containsExactly(new EngineConnection("http://localhost:8888", Pools.TENANT,
                        Pools.TOKEN));

                client.resources(HatchetWorkerPool.class).inNamespace(MockCluster.NAMESPACE).withName("auto").delete();
                await().atMost(Duration.ofSeconds(10)).until(() -> forgotten.contains("test/auto"));
                assertThat(OperatorFixture.http(operator, "/metrics").getValue()).doesNotContain("pool=\"auto\"")
                        .contains("pool=\"fixed\"");
            } finally {
                operator.stop();
            }
        }
    }

    private static void decide(HatchetWorkerPoolStatus status, int replicas) {
        status.setDesiredReplicas(replicas);
        status.setLastDecision(new LastDecision(replicas, "QueueBacklog", "130 queued, 10/10 slots busy"));
        status.setQueued(130L);
        status.setRunning(10L);
        status.setSlotUtilization(1.0);
    }
}
