package io.hatchetoperator.operator.reconciler;

import static io.hatchetoperator.operator.support.OperatorFixture.reconciliations;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.hatchetoperator.operator.HatchetOperator;
import io.hatchetoperator.operator.api.HatchetWorkerPool;
import io.hatchetoperator.operator.api.HatchetWorkerPoolSpec;
import io.hatchetoperator.operator.support.MockCluster;
import io.hatchetoperator.operator.support.OperatorFixture;
import io.hatchetoperator.operator.support.Pools;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** An operator limited to some namespaces ignores the others; a write conflict is retried, not lost. */
class ScopeAndConflictIT {

    @Test
    void watchesOnlyItsNamespacesAndRetriesAfterAConflict() {
        try (MockCluster cluster = new MockCluster("ScopeAndConflictIT")) {
            KubernetesClient client = cluster.client();
            for (String ns : new String[] {"team-a", "team-b"}) {
                var secret = Pools.tokenSecret("hatchet-token");
                secret.getMetadata().setNamespace(ns);
                client.resource(secret).create();
                HatchetWorkerPool pool = Pools.manual("workers", 1);
                pool.getMetadata().setNamespace(ns);
                client.resource(pool).create();
            }
            HatchetOperator operator = OperatorFixture.start(cluster.operatorClient(),
                    OperatorFixture.settings().withNamespaces(Set.of("team-a")));
            try {
                await().atMost(Duration.ofSeconds(15)).until(() -> deployment(client, "team-a") != null);
                await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                        .until(() -> deployment(client, "team-b") == null);

                cluster.server().expect().put().withPath("/apis/apps/v1/namespaces/team-a/deployments/workers")
                        .andReturn(409, "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\","
                                + "\"reason\":\"Conflict\",\"code\":409,\"message\":\"the object has been "
                                + "modified\"}").once();
                client.resources(HatchetWorkerPool.class).inNamespace("team-a").withName("workers").edit(p -> {
                    HatchetWorkerPoolSpec s = p.getSpec();
                    p.setSpec(new HatchetWorkerPoolSpec(s.workerName(), s.slots(), s.tasks(), s.engine(),
                            s.template(), 3, null, s.drain(), null));
                    return p;
                });
                await().atMost(Duration.ofSeconds(10)).until(() ->
                        deployment(client, "team-a").getSpec().getReplicas() == 3);
                assertThat(reconciliations(operator, "conflict")).isGreaterThanOrEqualTo(1);
            } finally {
                operator.stop();
            }
        }
    }

    private static Deployment deployment(KubernetesClient client, String namespace) {
        return client.apps().deployments().inNamespace(namespace).withName("workers").get();
    }
}
