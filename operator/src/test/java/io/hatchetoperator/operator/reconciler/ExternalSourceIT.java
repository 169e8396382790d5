package io.hatchetoperator.operator.reconciler;

import static io.hatchetoperator.operator.support.OperatorFixture.deployment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.hatchetoperator.operator.HatchetOperator;
import io.hatchetoperator.operator.api.AutoscalingSource;
import io.hatchetoperator.operator.api.AutoscalingSpec;
import io.hatchetoperator.operator.api.HatchetWorkerPool;
import io.hatchetoperator.operator.api.HatchetWorkerPoolStatus;
import io.hatchetoperator.operator.support.MockCluster;
import io.hatchetoperator.operator.support.OperatorFixture;
import io.hatchetoperator.operator.support.Pools;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * spec.autoscaling.source External: an HPA or KEDA writes spec.replicas (what the scale subresource writes); the
 * operator makes no decision of its own, keeps the count within min/maxReplicas, rises at once and lowers only
 * through the scale-down protocol (here a step that confirms one idle worker per call).
 */
class ExternalSourceIT {

    @Test
    void anExternalAutoscalersDecreaseGoesThroughTheSafeRemovalAndItsCountStaysWithinTheBounds() {
        List<String> applied = new CopyOnWriteArrayList<>();
        List<int[]> lowered = new CopyOnWriteArrayList<>();
        ScalingStep step = new ScalingStep() {
            @Override
            public Optional<Duration> apply(HatchetWorkerPool pool, HatchetWorkerPoolStatus status,
                                            EngineConnection engine) {
                applied.add(pool.getMetadata().getName());
                return Optional.empty();
            }

            @Override
            public int lower(HatchetWorkerPool pool, HatchetWorkerPoolStatus status, EngineConnection engine,
                             int running, int target) {
                lowered.add(new int[] {running, target});
                return Math.max(target, running - 1); // one worker confirmed idle per call
            }
        };
        AutoscalingSpec external = new AutoscalingSpec(1, 6, null, null, null, null, null, null, null, null, null,
                null, AutoscalingSource.EXTERNAL);
        try (MockCluster cluster = new MockCluster("ExternalSourceIT")) {
            KubernetesClient client = cluster.client();
            client.resource(Pools.tokenSecret("hatchet-token")).create();
            client.resource(Pools.pool("ext", Pools.spec(4, external, Pools.template("img:1")))).create();
            HatchetOperator operator = new HatchetOperator(OperatorFixture.settings(), cluster.operatorClient(), step);
            operator.start();
            try {
                await().atMost(Duration.ofSeconds(15)).until(() -> deployment(client, "ext") != null
                        && deployment(client, "ext").getSpec().getReplicas() == 4);
                await().atMost(Duration.ofSeconds(10)).until(() -> {
                    HatchetWorkerPoolStatus status = OperatorFixture.pool(client, "ext").getStatus();
                    return status != null && "External".equals(status.getMode());
                });

                setReplicas(client, 1); // the HPA scales in
                await().atMost(Duration.ofSeconds(20)).until(() -> deployment(client, "ext").getSpec().getReplicas()
                        == 1);
                assertThat(lowered).extracting(c -> c[0]).as("one pod at a time, as workers are confirmed idle")
                        .containsSubsequence(4, 3, 2);
                assertThat(lowered).allSatisfy(c -> assertThat(c[1]).isEqualTo(1));

                setReplicas(client, 9); // above maxReplicas: kept at 6, at once
                await().atMost(Duration.ofSeconds(10)).until(() -> deployment(client, "ext").getSpec().getReplicas()
                        == 6);
                // the status is patched after the Deployment, in the same reconcile: wait for it, do not race it
                await().atMost(Duration.ofSeconds(5)).until(() ->
                        OperatorFixture.pool(client, "ext").getStatus().getDesiredReplicas() == 6);
                assertThat(applied).as("the operator's own autoscaling never ran for it").isEmpty();
            } finally {
                operator.stop();
            }
        }
    }

    private static void setReplicas(KubernetesClient client, int replicas) {
        client.resources(HatchetWorkerPool.class).inNamespace(MockCluster.NAMESPACE).withName("ext")
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"replicas\":" + replicas + "}}");
    }
}
