package io.hatchetoperator.operator.autoscaling;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.hatchetoperator.operator.api.HatchetWorkerPool;
import io.hatchetoperator.operator.engine.HatchetStubServer;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Conditions, Events and metrics of the autoscaling step against the CRUD mock. */
@EnableKubernetesMockClient(crud = true)
class PoolAutoscalerConditionsIT {

  static final String NS = "team";

  KubernetesClient client;
  AutoscalingHarness harness;
  HatchetStubServer server;
  FakeHatchet hatchet;
  MutableClock clock;
  EnginePollers pollers;
  PrometheusRegistry registry;
  PoolAutoscaler autoscaler;
  HatchetWorkerPool pool;
  String token;

  @BeforeEach
  void setUp() throws Exception {
    harness = new AutoscalingHarness(client, "tenant-c");
    server = harness.server;
    hatchet = harness.hatchet;
    clock = harness.clock;
    pollers = harness.pollers;
    registry = harness.registry;
    autoscaler = harness.autoscaler;
    token = harness.token;
    pool = TestPools.pool(NS, "resizer", server.url().toString(), 1, 10, 2);
    client.resource(pool).create();
    for (int i = 0; i < 2; i++) {
      client.pods().inNamespace(NS).resource(TestPools.pod(NS, "resizer", "resizer-" + i, true)).create();
      hatchet.worker("w" + i, "resizer", "resizer-" + i, 5, 5);
    }
    hatchet.task("resize", 130, 10);
  }

  @AfterEach
  void tearDown() {
    harness.close();
  }

  AutoscalingOutcome pollThenStep() {
    return harness.pollThenStep(pool);
  }

  Condition condition(String type) {
    return pool.getStatus().getConditions().stream().filter(c -> c.getType().equals(type))
        .findFirst().orElseThrow();
  }

  List<Event> events() {
    return harness.events(NS);
  }

  @Test
  void scalesUpInOneStepAndExplainsItInAnEventAndMetrics() {
    AutoscalingOutcome outcome = pollThenStep();

    assertThat(outcome.desiredReplicas()).isEqualTo(10);
    assertThat(condition("MetricsAvailable").getStatus()).isEqualTo("True");
    assertThat(condition("MetricsAvailable").getMessage()).contains("130 queued");
    assertThat(condition("ScalingLimited").getReason()).isEqualTo("AtMaxReplicas");
    Event scaled = events().stream().filter(e -> e.getReason().equals("Scaled")).findFirst()
        .orElseThrow();
    assertThat(scaled.getMessage()).contains("2 → 10").contains("130 queued")
        .contains("10/10 slots busy");
    assertThat(scaled.getInvolvedObject().getName()).isEqualTo("resizer");
    String metrics = scrape();
    assertThat(metrics).contains("hatchet_worker_operator_scale_events_total{direction=\"up\","
        + "namespace=\"team\",pool=\"resizer\"} 1.0");
    assertThat(metrics).contains("hatchet_worker_operator_pool_busy_slots{namespace=\"team\","
        + "pool=\"resizer\"} 10.0");
    assertThat(metrics).contains("hatchet_worker_operator_pool_slots{namespace=\"team\","
        + "pool=\"resizer\"} 10.0");
    assertThat(metrics).contains("hatchet_worker_operator_pool_queued_tasks{namespace=\"team\","
        + "pool=\"resizer\"} 130.0");
    assertThat(metrics).contains("hatchet_worker_operator_decisions_total{namespace=\"team\","
        + "pool=\"resizer\",reason=\"LIMITED_BY_MAX\"} 1.0");
    assertThat(metrics).contains("hatchet_worker_operator_poll_duration_seconds_count{tenant=");
  }

  @Test
  void holdsAndSaysSoWhenTheEngineRejectsTheToken() {
    server.on("/api/v1/tenants/tenant-c/task-stats", 401, "{}");

    AutoscalingOutcome outcome = pollThenStep();

    assertThat(outcome.desiredReplicas()).isEqualTo(2);
    assertThat(condition("MetricsAvailable").getStatus()).isEqualTo("False");
    assertThat(condition("MetricsAvailable").getReason()).isEqualTo("TokenRejected");
    assertThat(condition("MetricsAvailable").getMessage()).contains("API token")
        .doesNotContain(token);
    assertThat(pool.getStatus().getLastDecision().reason()).isEqualTo("METRICS_UNAVAILABLE");
    assertThat(events()).extracting(Event::getReason).contains("MetricsUnavailable");
    assertThat(scrape()).contains("hatchet_worker_operator_poll_failures_total{reason="
        + "\"TokenRejected\"");
  }

  @Test
  void holdsWhilePausedByTheAnnotation() {
    pool.getMetadata().setAnnotations(Map.of(PoolSettingsMapper.PAUSE_ANNOTATION, "true"));

    AutoscalingOutcome outcome = pollThenStep();

    assertThat(outcome.desiredReplicas()).isEqualTo(2);
    assertThat(condition("ScalingLimited").getReason()).isEqualTo("Paused");
    assertThat(hatchet.pauses("w0")).isEmpty();
  }

  @Test
  void explainsAManualScaleOnceInsteadOfOverwritingItSilently() {
    TestPools.scaledByHand(pool, 3);

    pollThenStep();
    pollThenStep();

    List<Event> manual = events().stream()
        .filter(e -> e.getReason().equals("ManualScaleIgnored")).toList();
    assertThat(manual).hasSize(1);
    assertThat(manual.get(0).getType()).isEqualTo("Warning");
    assertThat(manual.get(0).getMessage()).contains("spec.replicas was set to 3")
        .contains("minReplicas and maxReplicas to 3");
  }

  @Test
  void reportsAnUnusableTokenWithoutPolling() {
    AutoscalingOutcome outcome = autoscaler.reconcile(pool, "not-a-token", List.of());

    assertThat(outcome.metrics().reason()).isEqualTo("EngineNotConfigured");
    assertThat(outcome.metrics().message()).contains("not a JWT");
    assertThat(pollers.tenantCount()).isZero();
  }

  @Test
  void forgetsAPoolThatIsNoLongerReconciled() {
    pollThenStep();
    assertThat(pollers.tenantCount()).isEqualTo(1);

    clock.advance(AutoscalingSettings.DEFAULTS.poolExpiry().plusSeconds(1));
    pollers.pollDueNow();

    assertThat(pollers.tenantCount()).as("deleted or manual pools stop being polled").isZero();
    assertThat(scrape()).doesNotContain("hatchet_worker_operator_pool_queued_tasks{");
  }

  @Test
  void stopsPollingForADeletedPool() {
    pollThenStep();

    autoscaler.forget(NS, "resizer");

    assertThat(pollers.tenantCount()).isZero();
    assertThat(scrape()).doesNotContain("pool=\"resizer\"");
  }

  @Test
  void aRestartedOperatorRewritesNothingWhileTheEngineIsStillDown() throws Exception {
    server.on("/api/v1/tenants/tenant-c/task-stats", 503, "{}");
    pollThenStep();
    pollThenStep();
    var json = new io.fabric8.kubernetes.client.utils.KubernetesSerialization();
    String before = json.asJson(pool.getStatus());
    int events = events().size();

    try (AutoscalingHarness restarted = new AutoscalingHarness(client, "tenant-c")) {
      restarted.server.close();
      restarted.step(pool);
      assertThat(json.asJson(pool.getStatus())).as("before its first poll").isEqualTo(before);
      restarted.pollers.pollDueNow();
      pool.getMetadata().setAnnotations(null);
      restarted.step(pool);
    }

    assertThat(json.asJson(pool.getStatus())).isEqualTo(before);
    assertThat(events()).hasSize(events);
  }

  @Test
  void aFinishedPollTriggersAReconcileOfThePool() {
    List<io.javaoperatorsdk.operator.processing.event.ResourceID> triggered =
        new java.util.concurrent.CopyOnWriteArrayList<>();
    EnginePollEventSource source = new EnginePollEventSource(autoscaler);
    source.setEventHandler(event -> triggered.add(event.getRelatedCustomResourceID()));
    source.start();
    try {
      harness.step(pool);
      org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
          .until(() -> !triggered.isEmpty());
      assertThat(triggered.get(0))
          .isEqualTo(new io.javaoperatorsdk.operator.processing.event.ResourceID("resizer", NS));
    } finally {
      source.stop();
    }
  }

  String scrape() {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      PrometheusTextFormatWriter.create().write(out, registry.scrape());
      return out.toString(StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
