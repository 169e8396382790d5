package io.hatchetoperator.operator.autoscaling;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.hatchetoperator.operator.api.HatchetWorkerPool;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The scale-down protocol against the CRUD mock, with pods created by the test. */
@EnableKubernetesMockClient(crud = true)
class PoolAutoscalerScaleDownIT {

  static final String NS = "ns";

  KubernetesClient client;
  AutoscalingHarness harness;
  FakeHatchet hatchet;
  HatchetWorkerPool pool;

  @BeforeEach
  void setUp() throws Exception {
    harness = new AutoscalingHarness(client, "tenant-s");
    hatchet = harness.hatchet;
    pool = TestPools.pool(NS, "pool", harness.server.url().toString(), 1, 10, 3);
    client.resource(pool).create();
    for (int i = 0; i < 3; i++) {
      client.pods().inNamespace(NS).resource(TestPools.pod(NS, "pool", "pod-" + i, true)).create();
    }
    hatchet.worker("w0", "pool", "pod-0", 5, 2);
    hatchet.worker("w1", "pool", "pod-1", 5, 0);
    hatchet.worker("w2", "pool", "pod-2", 5, 0);
    hatchet.task("resize", 0, 2);
  }

  @AfterEach
  void tearDown() {
    harness.close();
  }

  AutoscalingOutcome step() {
    return harness.step(pool);
  }

  /** Registers the pool, then polls until the policy has paused workers (its windows may hold it). */
  AutoscalingOutcome untilCordoned() {
    assertThat(step().metrics().reason()).isEqualTo("WaitingForFirstPoll");
    for (int tick = 0; tick < 3; tick++) {
      AutoscalingOutcome outcome = pollThenStep();
      assertThat(outcome.desiredReplicas()).as("nothing removed before confirmation")
          .isEqualTo(3);
      if (hatchet.workers.values().stream().anyMatch(w -> w.paused)) {
        return outcome;
      }
    }
    throw new AssertionError("no worker was paused within 3 polls");
  }

  AutoscalingOutcome pollThenStep() {
    return harness.pollThenStep(pool);
  }

  String cost(String pod) {
    return harness.cost(NS, pod);
  }

  List<String> eventReasons() {
    return harness.events(NS).stream().map(Event::getReason).toList();
  }

  @Test
  void cordonsIdleWorkersThenConfirmsThemBeforeLoweringReplicas() {
    AutoscalingOutcome cordoned = untilCordoned();

    assertThat(hatchet.pauses("w1")).containsExactly("{\"isPaused\":true}");
    assertThat(hatchet.pauses("w2")).containsExactly("{\"isPaused\":true}");
    assertThat(hatchet.pauses("w0")).isEmpty();
    assertThat(cost("pod-1")).as("paused, but not yet confirmed idle").isNull();
    assertThat(cordoned.stateAnnotation()).hasValueSatisfying(s -> assertThat(s).contains("w1"));
    assertThat(client.resources(HatchetWorkerPool.class).inNamespace(NS).withName("pool").get()
        .getMetadata().getAnnotations().get(AnnotationScalingStateStore.ANNOTATION))
        .as("the paused workers survive a restart").contains("w1").contains("w2");
    assertThat(step().desiredReplicas()).as("no second tick on the same poll").isEqualTo(3);

    AutoscalingOutcome lowered = pollThenStep();

    assertThat(lowered.desiredReplicas()).isEqualTo(1);
    assertThat(cost("pod-1")).as("confirmed idle: the next to delete").isEqualTo("-1000");
    assertThat(cost("pod-2")).isEqualTo("-1000");
    assertThat(pool.getStatus().getLastDecision().reason()).isEqualTo("SCALE_DOWN");
    assertThat(pool.getStatus().getLastScaleTime()).isNotNull();
    assertThat(cost("pod-0")).as("the busy pod costs more than idle ones").isEqualTo("2");
    assertThat(eventReasons()).contains("WorkerCordoned", "Scaled");
  }

  @Test
  void releasesOnlyWorkersStillIdleAndLetsABusyOneDrainFirst() {
    untilCordoned();
    hatchet.workers.get("w2").busy = 1;

    AutoscalingOutcome outcome = pollThenStep();

    assertThat(outcome.desiredReplicas()).isEqualTo(2);
    assertThat(hatchet.workers.get("w2").paused).as("stays paused while it drains").isTrue();
    assertThat(cost("pod-2")).as("a draining pod is never the next to delete").isNull();
    assertThat(cost("pod-1")).isEqualTo("-1000");

    hatchet.workers.get("w2").busy = 0;
    assertThat(pollThenStep().desiredReplicas()).isEqualTo(1);
    assertThat(cost("pod-2")).isEqualTo("-1000");
  }

  @Test
  void uncordonsEverythingWhenTheDecisionReverses() {
    untilCordoned();
    hatchet.task("resize", 200, 2);

    AutoscalingOutcome outcome = pollThenStep();

    assertThat(outcome.desiredReplicas()).isGreaterThan(3);
    assertThat(hatchet.workers.values()).allSatisfy(w -> assertThat(w.paused).isFalse());
    assertThat(cost("pod-1")).isNull();
    assertThat(cost("pod-2")).isNull();
    assertThat(pool.getStatus().getQueued()).isEqualTo(200L);
    assertThat(pool.getStatus().getLastDecision().explanation()).contains("200 queued");
  }

  @Test
  void removesPodsWithoutWorkersFirstAndNeverABusyPod() {
    hatchet.workers.values().forEach(w -> w.busy = 1);
    hatchet.task("resize", 0, 3);
    pool = TestPools.pool(NS, "pool", harness.server.url().toString(), 1, 10, 5);
    step();
    int desired = 5;
    for (int tick = 0; tick < 3 && desired != 3; tick++) {
      desired = pollThenStep().desiredReplicas();
    }

    assertThat(desired).isEqualTo(3);
    for (int tick = 0; tick < 3; tick++) {
      assertThat(pollThenStep().desiredReplicas()).as("busy workers drain, none is removed")
          .isEqualTo(3);
    }
    assertThat(List.of("pod-0", "pod-1", "pod-2")).allSatisfy(pod ->
        assertThat(cost(pod)).as("busy pods are marked above idle ones").isEqualTo("1"));
  }
}
