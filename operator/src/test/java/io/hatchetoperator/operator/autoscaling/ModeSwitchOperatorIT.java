package io.hatchetoperator.operator.autoscaling;

import static io.hatchetoperator.operator.support.OperatorFixture.deployment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
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
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Every decrease goes through pause, confirm idle, deletion cost, whatever its source; switching modes never
 * removes pods at once; leaving autoscaling resumes the workers it paused. The real operator against the CRUD
 * mock and a scripted Hatchet tenant; pods and workers are created by the test.
 */
class ModeSwitchOperatorIT {

  static final String NS = MockCluster.NAMESPACE;

  @Test
  void manualDecreasesRemoveOnlyConfirmedIdleWorkersAndModeSwitchesKeepTheCount() throws Exception {
    try (MockCluster cluster = new MockCluster("ModeSwitchOperatorIT");
        HatchetStubServer server = new HatchetStubServer()) {
      FakeHatchet hatchet = new FakeHatchet(server, Pools.TENANT);
      hatchet.task("simpletask", 0, 0);
      KubernetesClient client = cluster.client();
      client.resource(Pools.tokenSecret("hatchet-token")).create();
      client.resource(Pools.pool("pool", spec(server, 4, null))).create();
      List<Integer> replicas = new CopyOnWriteArrayList<>();
      HatchetOperator operator = new HatchetOperator(OperatorFixture.settings(), cluster.operatorClient());
      operator.start();
      try (Watch watch = watchReplicas(client, replicas)) {
        await().atMost(Duration.ofSeconds(20)).until(() -> deployment(client, "pool") != null);
        for (int i = 0; i < 4; i++) {
          client.resource(TestPools.pod(NS, "pool", "pool-" + i, true)).create();
          hatchet.worker("w" + i, "pool", "pool-" + i, 5, i < 2 ? 1 : 0);
        }

        // kubectl scale to 1 with two busy workers: only the two idle ones go, after their pause
        OperatorFixture.editSpec(client, "pool", s -> spec(server, 1, null));
        await().atMost(Duration.ofSeconds(20)).until(() -> deployment(client, "pool").getSpec()
            .getReplicas() == 2);
        assertThat(hatchet.pauses("w2")).contains("{\"isPaused\":true}");
        assertThat(hatchet.pauses("w3")).contains("{\"isPaused\":true}");
        assertThat(cost(client, "pool-2")).isEqualTo("-1000");
        assertThat(cost(client, "pool-3")).isEqualTo("-1000");
        assertThat(replicas).as("never below the busy workers").allMatch(r -> r >= 2);
        Thread.sleep(1500); // a few more polls: the busy workers drain (paused), none is removed
        assertThat(deployment(client, "pool").getSpec().getReplicas()).isEqualTo(2);
        client.pods().inNamespace(NS).withName("pool-2").delete();
        client.pods().inNamespace(NS).withName("pool-3").delete();
        hatchet.workers.remove("w2");
        hatchet.workers.remove("w3");

        // entering autoscaling starts from the count in force, not from minReplicas
        replicas.clear();
        OperatorFixture.editSpec(client, "pool", s -> spec(server, null, autoscaling()));
        await().ignoreExceptions().atMost(Duration.ofSeconds(20)).until(() -> OperatorFixture
            .pool(client, "pool").getStatus().getLastDecision() != null);
        assertThat(replicas).as("no cut on entering autoscaling").allMatch(r -> r >= 2);

        // leaving autoscaling without spec.replicas keeps the count and resumes paused workers
        await().atMost(Duration.ofSeconds(20)).until(() -> hatchet.workers.values().stream()
            .anyMatch(w -> w.paused));
        int before = deployment(client, "pool").getSpec().getReplicas();
        OperatorFixture.editSpec(client, "pool", s -> spec(server, null, null));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
          assertThat(hatchet.workers.values()).allSatisfy(w -> assertThat(w.paused).isFalse());
          HatchetWorkerPoolStatus status = OperatorFixture.pool(client, "pool").getStatus();
          assertThat(status.getMode()).isEqualTo("Manual");
          assertThat(status.getLastDecision()).as("autoscaling status cleared").isNull();
          assertThat(status.getQueued()).isNull();
          assertThat(status.getConditions()).noneMatch(c -> c.getType().equals("MetricsAvailable"));
          var annotations = OperatorFixture.pool(client, "pool").getMetadata().getAnnotations();
          assertThat(annotations == null ? null : annotations.get(AnnotationScalingStateStore.ANNOTATION))
              .as("state annotation removed (the CRUD mock keeps a merge-patched null)").isNull();
        });
        assertThat(deployment(client, "pool").getSpec().getReplicas()).isEqualTo(before);
      } finally {
        operator.stop();
      }
    }
  }

  private static AutoscalingSpec autoscaling() {
    return new AutoscalingSpec(1, 10, 0.8, "10s", "500ms", null, new ScaleDownSpec("0s", null), "120s",
        null);
  }

  private static HatchetWorkerPoolSpec spec(HatchetStubServer server, Integer replicas,
      AutoscalingSpec autoscaling) {
    return new HatchetWorkerPoolSpec(null, 5, List.of("simpletask"),
        new EngineSpec(new SecretKeyRef("hatchet-token", "token"), null, server.url().toString(), null,
            null), Pools.template("ghcr.io/example/worker:1.0"), replicas, autoscaling, null, null);
  }

  private static String cost(KubernetesClient client, String pod) {
    var annotations = client.pods().inNamespace(NS).withName(pod).get().getMetadata().getAnnotations();
    return annotations == null ? null : annotations.get(KubernetesScalingRealizer.DELETION_COST);
  }

  private static Watch watchReplicas(KubernetesClient client, List<Integer> seen) {
    return client.apps().deployments().inNamespace(NS).withName("pool").watch(new Watcher<>() {
      @Override
      public void eventReceived(Action action, Deployment d) {
        seen.add(d.getSpec().getReplicas());
      }

      @Override
      public void onClose(WatcherException cause) {
      }
    });
  }
}
