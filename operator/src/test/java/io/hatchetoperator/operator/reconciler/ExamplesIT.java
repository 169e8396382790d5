package io.hatchetoperator.operator.reconciler;

import static io.hatchetoperator.operator.support.OperatorFixture.condition;
import static io.hatchetoperator.operator.support.OperatorFixture.deployment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.hatchetoperator.operator.HatchetOperator;
import io.hatchetoperator.operator.api.HatchetWorkerPool;
import io.hatchetoperator.operator.support.MockCluster;
import io.hatchetoperator.operator.support.OperatorFixture;
import io.hatchetoperator.operator.support.Pools;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The files under examples/, applied as a user would: the placeholder token is refused, a real one works. */
class ExamplesIT {

    @Test
    void examplesReconcileOnceTheTokenIsReal() throws IOException {
        try (MockCluster cluster = new MockCluster("ExamplesIT");
             Stream<Path> files = Files.list(Path.of("..", "examples"))) {
            KubernetesClient client = cluster.client();
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    for (HasMetadata item : client.load(in).items()) {
                        item.getMetadata().setNamespace(MockCluster.NAMESPACE);
                        if ("HatchetWorkerPool".equals(item.getKind())) {
                            client.resource(client.getKubernetesSerialization().convertValue(item,
                                    HatchetWorkerPool.class)).create();
                        } else {
                            client.resource(item).create();
                        }
                    }
                }
            }
            List<String> pools = client.resources(HatchetWorkerPool.class).inNamespace(MockCluster.NAMESPACE).list()
                    .getItems().stream().map(p -> p.getMetadata().getName()).toList();
            assertThat(pools).containsExactlyInAnyOrder("sample-worker", "python-worker", "typescript-worker",
                    "go-worker", "reports");
            HatchetOperator operator = OperatorFixture.start(cluster.operatorClient(), OperatorFixture.settings());
            try {
                for (String pool : pools) {
                    await().atMost(Duration.ofSeconds(15)).until(() ->
                            "False/TokenInvalid".equals(condition(client, pool, "EngineConfigured")));
                    assertThat(deployment(client, pool)).isNull();
                }
                client.secrets().inNamespace(MockCluster.NAMESPACE).withName("hatchet-token").edit(s -> {
                    s.setStringData(null);
                    s.setData(Pools.tokenSecret("hatchet-token").getData());
                    return s;
                });
                for (String pool : pools) {
                    await().atMost(Duration.ofSeconds(15)).until(() -> deployment(client, pool) != null);
                    assertThat(condition(client, pool, "SpecValid")).isEqualTo("True/Valid");
                }
                // each SDK's pool gets only the probes its SDK serves (spec.runtime, docs/sdks.md)
                assertThat(probes(client, "sample-worker")).isEqualTo("/livez /readyz");
                assertThat(probes(client, "typescript-worker")).isEqualTo("/livez /readyz");
                assertThat(probes(client, "python-worker")).isEqualTo("- /health");
                assertThat(probes(client, "go-worker")).isEqualTo("- -");
                assertThat(deployment(client, "reports").getSpec().getReplicas()).isEqualTo(3);
                assertThat(deployment(client, "sample-worker").getSpec().getReplicas())
                        .as("autoscaled from zero, no decision yet: one worker").isEqualTo(1);
                assertThat(client.policy().v1().podDisruptionBudget().inNamespace(MockCluster.NAMESPACE)
                        .withName("reports").get()).isNotNull();
            } finally {
                operator.stop();
            }
        }
    }

    /** The worker container's liveness and readiness paths, "-" for none. */
    private static String probes(KubernetesClient client, String pool) {
        var worker = deployment(client, pool).getSpec().getTemplate().getSpec().getContainers().get(0);
        return (worker.getLivenessProbe() == null ? "-" : worker.getLivenessProbe().getHttpGet().getPath()) + " "
                + (worker.getReadinessProbe() == null ? "-" : worker.getReadinessProbe().getHttpGet().getPath());
    }
}
