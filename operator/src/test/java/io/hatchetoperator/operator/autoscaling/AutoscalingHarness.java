package io.hatchetoperator.operator.autoscaling;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.hatchetoperator.operator.api.HatchetWorkerPool;
import io.hatchetoperator.operator.engine.HatchetJson;
import io.hatchetoperator.operator.engine.HatchetStubServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The autoscaling step wired as in the operator, against a CRUD-mock client and a scripted Hatchet
 * tenant, with a hand-moved clock: the test decides when the tenant is polled.
 */
final class AutoscalingHarness implements AutoCloseable {

  final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T12:00:00Z"));
  final PrometheusRegistry registry = new PrometheusRegistry();
  final KubernetesClient client;
  final HatchetStubServer server;
  final FakeHatchet hatchet;
  final EnginePollers pollers;
  final PoolAutoscaler autoscaler;
  final String token;

  AutoscalingHarness(KubernetesClient client, String tenant) throws IOException {
    this.client = client;
    this.server = new HatchetStubServer();
    this.hatchet = new FakeHatchet(server, tenant);
    this.token = HatchetJson.token(tenant);
    this.pollers = EnginePollers.overRest(AutoscalingSettings.DEFAULTS, clock);
    this.autoscaler = new PoolAutoscaler(client, pollers, AutoscalingSettings.DEFAULTS, clock,
        registry);
  }

  /** One autoscaling step of {@code pool}, as the reconciler runs it (status updated in place). */
  AutoscalingOutcome step(HatchetWorkerPool pool) {
    AutoscalingOutcome outcome = autoscaler.step(pool, pool.getStatus(), token);
    autoscaler.awaitWrites(); // its Events and state annotation are written in the background
    return outcome;
  }

  /** Registers the pool if needed, lets its tenant poll 2 s later, then steps. */
  AutoscalingOutcome pollThenStep(HatchetWorkerPool pool) {
    if (pollers.tenantCount() == 0) {
      step(pool);
    }
    clock.advance(Duration.ofSeconds(2));
    pollers.pollDueNow();
    return step(pool);
  }

  /** The pod-deletion-cost annotation of a pod, or null. */
  String cost(String namespace, String pod) {
    Map<String, String> annotations =
        client.pods().inNamespace(namespace).withName(pod).get().getMetadata().getAnnotations();
    return annotations == null ? null : annotations.get(KubernetesScalingRealizer.DELETION_COST);
  }

  /** The Events recorded in {@code namespace}. */
  List<Event> events(String namespace) {
    return client.v1().events().inNamespace(namespace).list().getItems();
  }

  @Override
  public void close() {
    autoscaler.close();
    server.close();
  }
}
