package io.hatchetoperator.operator.autoscaling;

import static io.hatchetoperator.operator.support.OperatorFixture.deployment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.hatchetoperator.operator.HatchetOperator;
import io.hatchetoperator.operator.api.AutoscalingSpec;
import io.hatchetoperator.operator.api.EngineSpec;
import io.hatchetoperator.operator.api.HatchetWorkerPoolSpec;
import io.hatchetoperator.operator.api.ScaleDownSpec;
import io.hatchetoperator.operator.api.SecretKeyRef;
import io.hatchetoperator.operator.engine.HatchetStubServer;
import io.hatchetoperator.operator.support.ApiServerForm;
import io.hatchetoperator.operator.support.MockCluster;
import io.hatchetoperator.operator.support.OperatorFixture;
import io.hatchetoperator.operator.support.Pools;
import io.hatchetoperator.operator.engine.EngineClientSettings;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An idle autoscaled pool costs the API server nothing per poll once it is settled: no status write (no
 * timestamps in messages), no Deployment write although the server returns it in canonical form (cpu 1 for
 * 1000m, 1Gi for 1024Mi, defaults filled in), no LIST of pods and no GET of the Secret (both from informers), and no
 * write of the policy-state annotation although its persist interval is shortened to 500 ms (it changes only in what
 * a restart does not need). A busy pool whose figures drift a little on every poll writes no status either, until a
 * figure changes materially (the queue drains): {@code StatusWriteRule}.
 */
class SteadyStateApiCostIT {

  @Test
  void aSettledIdlePoolMakesNoRequestPerPoll() throws Exception {
    try (MockCluster cluster = new MockCluster("SteadyStateApiCostIT");
        HatchetStubServer server = new HatchetStubServer()) {
      FakeHatchet hatchet = new FakeHatchet(server, Pools.TENANT);
      hatchet.task("simpletask", 0, 0);
      KubernetesClient client = cluster.client();
      client.resource(Pools.tokenSecret("hatchet-token")).create();
      var template = Pools.template("ghcr.io/example/worker:1.0");
      template.getSpec().getContainers().get(0).setResources(new ResourceRequirementsBuilder()
          .withRequests(Map.of("cpu", new Quantity("0.5"), "memory", new Quantity("1024Mi")))
          .withLimits(Map.of("cpu", new Quantity("1000m"))).build());
      AutoscalingSpec autoscaling = new AutoscalingSpec(1, 5, 0.8, "10s", "500ms", null,
          new ScaleDownSpec("0s", null), "120s", null);
      client.resource(Pools.pool("idle", new HatchetWorkerPoolSpec(null, 5, List.of("simpletask"),
          new EngineSpec(new SecretKeyRef("hatchet-token", "token"), null, server.url().toString(), null,
              null), template, null, autoscaling, null, null))).create();
      KubernetesClient operatorClient = cluster.operatorClient();
      AutoscalingSettings fast = new AutoscalingSettings(2, Duration.ofMillis(100), Duration.ofSeconds(1),
          Duration.ofSeconds(60), Duration.ofMillis(500), Duration.ofMinutes(10), EngineClientSettings.DEFAULTS);
      Clock clock = Clock.systemUTC();
      HatchetOperator operator = new HatchetOperator(OperatorFixture.settings(), operatorClient,
          new PoolAutoscaler(operatorClient, EnginePollers.overRest(fast, clock), fast, clock,
              new PrometheusRegistry()));
      operator.start();
      try {
        await().atMost(Duration.ofSeconds(20)).until(() -> deployment(client, "idle") != null);
        Deployment canonical = ApiServerForm.of(deployment(client, "idle"));
        canonical.getMetadata().setResourceVersion(null);
        client.resource(canonical).update(); // what a real API server would have stored
        client.resource(TestPools.pod(MockCluster.NAMESPACE, "idle", "idle-0", true)).create();
        hatchet.worker("w0", "idle", "idle-0", 5, 0);
        await().ignoreExceptions().atMost(Duration.ofSeconds(20)).until(() ->
            OperatorFixture.pool(client, "idle").getStatus().getLastDecision() != null);
        int settled = quietSince(cluster);

        Thread.sleep(4000); // eight polls of the tenant, each followed by a reconcile of the pool

        List<String> calls = cluster.callsSince(settled).stream()
            .filter(c -> !c.endsWith("?watch=true")).toList();
        assertThat(server.requests("/api/v1/tenants/" + Pools.TENANT + "/worker")).as("the tenant was polled")
            .hasSizeGreaterThanOrEqualTo(4);
        assertThat(calls).as("requests to the API server while idle").isEmpty();

        hatchet.task("simpletask", 100, 0); // a queue beyond maxReplicas: the count stays at 5 once there
        await().ignoreExceptions().atMost(Duration.ofSeconds(20)).until(() ->
            OperatorFixture.pool(client, "idle").getStatus().getDesiredReplicas() == 5);
        settled = quietSince(cluster);
        for (int queued = 99; queued > 90; queued--) { // drifts by one run per 400 ms: no figure moves 20 %
          hatchet.task("simpletask", queued, 0);
          Thread.sleep(400);
        }
        calls = cluster.callsSince(settled).stream().filter(c -> !c.endsWith("?watch=true")).toList();
        assertThat(calls).as("requests while the queue drifts from 99 to 91 (within 30 s of the last status)")
            .isEmpty();
        int drifted = cluster.mark();
        hatchet.task("simpletask", 0, 0);
        await().ignoreExceptions().atMost(Duration.ofSeconds(10)).until(() ->
            OperatorFixture.pool(client, "idle").getStatus().getQueued() == 0);
        assertThat(cluster.callsSince(drifted)).as("the drained queue is written at once")
            .anyMatch(c -> c.startsWith("PATCH") && c.contains("/hatchetworkerpools/idle/status"));
      } finally {
        operator.stop();
      }
    }
  }

  /** Waits until one second passes without a request that is not a watch; returns the mark after it. */
  private static int quietSince(MockCluster cluster) {
    int[] mark = {cluster.mark()};
    await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofSeconds(1)).until(() -> {
      boolean quiet = cluster.callsSince(mark[0]).stream().allMatch(c -> c.endsWith("?watch=true"));
      mark[0] = cluster.mark();
      return quiet;
    });
    return mark[0];
  }
}
