package io.hatchetoperator.operator.autoscaling;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.hatchetoperator.operator.api.AutoscalingSpec;
import io.hatchetoperator.operator.api.HatchetWorkerPool;
import io.hatchetoperator.operator.api.ScaleDownSpec;
import io.hatchetoperator.operator.api.UnmatchedWorkersPolicy;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Workers as the SDKs really register them, against the CRUD mock and a scripted engine: pods whose worker
 * cannot be matched (no preset labels) hold the scale-down and the user is told once, the opt-in removes one
 * at a time; a slot count other than spec.slots sizes the capacity and is shown once.
 */
@EnableKubernetesMockClient(crud = true)
class PoolAutoscalerUnmatchedIT {

  static final String NS = "team";

  KubernetesClient client;
  AutoscalingHarness harness;
  HatchetWorkerPool pool;

  void start(UnmatchedWorkersPolicy policy, int pods) throws Exception {
    harness = new AutoscalingHarness(client, "tenant-u");
    AutoscalingSpec autoscaling = new AutoscalingSpec(0, 10, 0.8, "10s", "2s", null,
        new ScaleDownSpec("0s", null, policy), "0s", null);
    pool = TestPools.pool(NS, "ts", harness.server.url().toString(), autoscaling, pods);
    client.resource(pool).create();
    for (int i = 0; i < pods; i++) {
      client.pods().inNamespace(NS).resource(TestPools.pod(NS, "ts", "ts-" + i, true)).create();
      harness.hatchet.unlabelled("w" + i, 5, 3);
    }
    harness.hatchet.task("resize", 0, 3 * pods);
  }

  @AfterEach
  void tearDown() {
    if (harness != null) {
      harness.close();
    }
  }

  Condition condition(String type) {
    return pool.getStatus().getConditions().stream().filter(c -> c.getType().equals(type))
        .findFirst().orElse(null);
  }

  List<Event> warnings() {
    return harness.events(NS).stream()
        .filter(e -> e.getReason().equals(WorkerMatching.PRESET_LABELS_MISSING)).toList();
  }

  @Test
  void busyUnlabelledWorkersHoldTheScaleDownAndTheUserIsToldOnce() throws Exception {
    start(null, 10);
    harness.hatchet.task("resize", 0, 8);

    AutoscalingOutcome outcome = null;
    for (int i = 0; i < 8; i++) {
      outcome = harness.pollThenStep(pool);
      assertThat(outcome.desiredReplicas()).as("tick %d", i).isEqualTo(10);
    }

    assertThat(outcome.decision().replicas()).as("the policy wants fewer").isLessThan(10);
    assertThat(condition("WorkersMatched").getStatus()).isEqualTo("False");
    assertThat(condition("WorkersMatched").getReason()).isEqualTo("PresetLabelsMissing");
    assertThat(condition("WorkersMatched").getMessage()).contains("10 of 10 ready pods")
        .contains("ts-0").contains("HATCHET_CLIENT_WORKER_PRESET_LABELS ?? '{}'")
        .contains("HATCHET_CLIENT_AUTOSCALING_TARGET");
    assertThat(condition("ScalingLimited").getReason()).isEqualTo("UnmatchedWorkers");
    assertThat(warnings()).hasSize(1);
    assertThat(warnings().get(0).getType()).isEqualTo("Warning");
    assertThat(harness.cost(NS, "ts-0")).as("never named for removal").isNull();
    assertThat(scrape()).contains(
        "hatchet_worker_operator_pool_unmatched_pods{namespace=\"team\",pool=\"ts\"} 10.0");
    for (FakeHatchet.Worker w : harness.hatchet.workers.values()) {
      assertThat(harness.hatchet.pauses(w.id)).isEmpty();
    }
  }

  @Test
  void scaleUpStillWorksAndTheConditionClearsOnceWorkersAreLabelled() throws Exception {
    start(null, 2);
    harness.hatchet.task("resize", 100, 10);

    assertThat(harness.pollThenStep(pool).desiredReplicas()).isEqualTo(10);

    harness.hatchet.workers.values().forEach(w -> w.labels = Map.of(
        PoolInputsMapper.AUTOSCALING_TARGET_LABEL, "ts-" + w.id.substring(1)));
    harness.pollThenStep(pool);
    assertThat(condition("WorkersMatched").getStatus()).isEqualTo("True");
    assertThat(warnings()).isEmpty();
  }

  @Test
  void terminateRemovesOneUnmatchedPodAtATime() throws Exception {
    start(UnmatchedWorkersPolicy.TERMINATE, 4);
    harness.hatchet.task("resize", 0, 0);
    harness.hatchet.workers.values().forEach(w -> w.busy = 0);

    AutoscalingOutcome first = null;
    for (int i = 0; i < 6 && (first == null || first.desiredReplicas() == 4); i++) {
      first = harness.pollThenStep(pool);
    }
    assertThat(first.desiredReplicas()).isEqualTo(3);
    long marked = client.pods().inNamespace(NS).list().getItems().stream()
        .filter(p -> String.valueOf(KubernetesScalingRealizer.CORDONED_COST).equals(
            harness.cost(NS, p.getMetadata().getName()))).count();
    assertThat(marked).as("the one pod named for removal is marked first to go").isEqualTo(1);
    assertThat(harness.events(NS)).anySatisfy(e -> assertThat(e.getMessage()).contains("4 → 3")
        .contains("cannot be matched").contains("Terminate"));
  }

  @Test
  void capacityFollowsTheSlotsWorkersRegisterAndTheDifferenceIsShownOnce() throws Exception {
    harness = new AutoscalingHarness(client, "tenant-u");
    pool = TestPools.pool(NS, "go", harness.server.url().toString(), 1, 10, 2);
    client.resource(pool).create();
    for (int i = 0; i < 2; i++) {
      client.pods().inNamespace(NS).resource(TestPools.pod(NS, "go", "go-" + i, true)).create();
      harness.hatchet.worker("g" + i, "go", "go-" + i, 20, 10);
    }
    harness.hatchet.task("resize", 0, 20);

    AutoscalingOutcome outcome = null;
    for (int i = 0; i < 4; i++) {
      outcome = harness.pollThenStep(pool);
    }

    assertThat(outcome.inputs().slotsPerWorker()).isEqualTo(20);
    assertThat(outcome.desiredReplicas()).as("20 busy of 2 x 20 slots, not of 2 x spec.slots (5)")
        .isEqualTo(2);
    assertThat(condition("SlotsMatched").getStatus()).isEqualTo("False");
    assertThat(condition("SlotsMatched").getReason()).isEqualTo("SlotsDifferFromSpec");
    assertThat(condition("SlotsMatched").getMessage()).contains("20 slots on 2 pods")
        .contains("spec.slots is 5").contains("HATCHET_WORKER_SLOTS");
    assertThat(harness.events(NS).stream().filter(e -> e.getReason().equals("SlotsDifferFromSpec")))
        .hasSize(1);
    assertThat(condition("WorkersMatched").getStatus()).isEqualTo("True");
  }

  String scrape() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new PrometheusTextFormatWriter(false).write(out, harness.registry.scrape());
    return out.toString(StandardCharsets.UTF_8);
  }
}
