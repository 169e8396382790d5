package io.hatchetoperator.operator.autoscaling;

import static io.hatchetoperator.operator.support.OperatorFixture.deployment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.hatchetoperator.operator.HatchetOperator;
import io.hatchetoperator.operator.api.AutoscalingSpec;
import io.hatchetoperator.operator.api.EngineSpec;
import io.hatchetoperator.operator.api.HatchetWorkerPoolSpec;
import io.hatchetoperator.operator.api.HatchetWorkerPoolStatus;
import io.hatchetoperator.operator.api.ScaleDownSpec;
import io.hatchetoperator.operator.api.SecretKeyRef;
import io.hatchetoperator.operator.engine.HatchetStubServer;
import io.hatchetoperator.operator.support.MockCluster;
import io.hatchetoperator.operator.support.OperatorFixture;
import io.hatchetoperator.operator.support.Pools;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The operator as it ships (autoscaling by default) against the CRUD mock and a Hatchet-shaped engine:
 * each finished poll triggers a reconcile; a backlog
 * scales the Deployment up in one step; when the queue empties, idle workers are paused, confirmed
 * and their pods marked before the Deployment shrinks.
 */
class AutoscalingOperatorIT {

  static final String NS = MockCluster.NAMESPACE;

  @Test
  void followsTheQueueUpAndDownWithoutTouchingBusyWorkers() throws Exception {
    try (MockCluster cluster = new MockCluster("AutoscalingOperatorIT");
        HatchetStubServer server = new HatchetStubServer()) {
      FakeHatchet hatchet = new FakeHatchet(server, Pools.TENANT);
      hatchet.task("simpletask", 130, 0);
      KubernetesClient client = cluster.client();
      client.resource(Pools.tokenSecret("hatchet-token")).create();
      AutoscalingSpec autoscaling = new AutoscalingSpec(1, 10, 0.8, "10s", "500ms", null,
          new ScaleDownSpec("0s", null), "120s", null);
      client.resource(Pools.pool("auto", new HatchetWorkerPoolSpec(null, 5, List.of("simpletask"),
          new EngineSpec(new SecretKeyRef("hatchet-token", "token"), null, server.url().toString(),
              null, null), Pools.template("ghcr.io/example/worker:1.0"), null, autoscaling, null,
          null))).create();
      HatchetOperator operator = new HatchetOperator(OperatorFixture.settings(),
          cluster.operatorClient());
      operator.start();
      try {
        await().atMost(Duration.ofSeconds(20)).until(() -> deployment(client, "auto") != null
            && deployment(client, "auto").getSpec().getReplicas() == 10);
        await().ignoreExceptions().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
            OperatorFixture.pool(client, "auto").getStatus().getLastDecision().explanation())
            .contains("130 queued"));
        assertThat(OperatorFixture.http(operator, "/metrics").getValue())
            .as("on the operator's /metrics").contains("hatchet_worker_operator_pool_desired_replicas{namespace=\"test\",pool=\"auto\"} 10.0");

        for (int i = 0; i < 10; i++) {
          client.resource(TestPools.pod(NS, "auto", "auto-" + i, true)).create();
          hatchet.worker("w" + i, "auto", "auto-" + i, 5, i == 0 ? 2 : 0);
        }
        hatchet.task("simpletask", 0, 2);

        await().atMost(Duration.ofSeconds(30)).until(() ->
            deployment(client, "auto").getSpec().getReplicas() == 1);
        assertThat(hatchet.workers.get("w0").paused).as("the busy worker is never paused").isFalse();
        assertThat(hatchet.pauses("w1")).contains("{\"isPaused\":true}");
        Map<String, String> costs = new java.util.TreeMap<>();
        for (Pod pod : client.pods().inNamespace(NS).list().getItems()) {
          Map<String, String> annotations = pod.getMetadata().getAnnotations();
          costs.put(pod.getMetadata().getName(), annotations == null ? null
              : annotations.get(KubernetesScalingRealizer.DELETION_COST));
        }
        assertThat(costs.get("auto-0")).isNotEqualTo("-1000");
        assertThat(costs).containsEntry("auto-1", "-1000").containsEntry("auto-9", "-1000");
        await().ignoreExceptions().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
          HatchetWorkerPoolStatus down = OperatorFixture.pool(client, "auto").getStatus();
          assertThat(down.getConditions()).anySatisfy(c -> {
            assertThat(c.getType()).isEqualTo("MetricsAvailable");
            assertThat(c.getStatus()).isEqualTo("True");
          });
        });
      } finally {
        operator.stop();
      }
    }
  }
}
