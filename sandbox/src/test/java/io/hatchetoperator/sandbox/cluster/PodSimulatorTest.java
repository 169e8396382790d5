package io.hatchetoperator.sandbox.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class PodSimulatorTest {

  KubernetesClient client;
  private final Map<String, FakeProcess> processes = new ConcurrentHashMap<>();
  private PodSimulator simulator;

  @BeforeEach
  void start() {
    client.secrets().resource(new SecretBuilder().withNewMetadata().withName("tok").withNamespace("test")
        .endMetadata().addToStringData("token", "ey.a.b").build()).create();
    PodSimulatorSettings settings = PodSimulatorSettings.defaults().withStartupDelay(Duration.ofMillis(200));
    simulator = new PodSimulator(client, launch -> {
      FakeProcess p = new FakeProcess(launch);
      processes.put(launch.podName(), p);
      return p;
    }, settings, Clock.systemUTC());
    simulator.start();
  }

  @AfterEach
  void stop() {
    simulator.close();
  }

  private Deployment deployment(int replicas, long graceSeconds, String secret) {
    return new DeploymentBuilder().withNewMetadata().withName("pool").withNamespace("test").endMetadata()
        .withNewSpec().withReplicas(replicas)
          .withNewSelector().addToMatchLabels("app", "pool").endSelector()
          .withNewTemplate().withNewMetadata().addToLabels("app", "pool").endMetadata()
            .withNewSpec().withTerminationGracePeriodSeconds(graceSeconds).addNewContainer().withName("worker")
              .addNewEnv().withName("POD_NAME").withNewValueFrom().withNewFieldRef()
                .withFieldPath("metadata.name").endFieldRef().endValueFrom().endEnv()
              .addNewEnv().withName("HATCHET_CLIENT_TOKEN").withNewValueFrom()
                .withNewSecretKeyRef("token", secret, false).endValueFrom().endEnv()
              .addNewEnv().withName("LABELS").withValue("{\"pod\":\"$(POD_NAME)\"}").endEnv()
            .endContainer().endSpec()
          .endTemplate()
        .endSpec().build();
  }

  private List<Pod> apiPods() {
    return client.pods().inNamespace("test").withLabel("app", "pool").list().getItems();
  }

  private void setDeletionCost(String pod, int cost) {
    client.pods().inNamespace("test").withName(pod).patch(PatchContext.of(PatchType.JSON_MERGE),
        "{\"metadata\":{\"annotations\":{\"" + PodTemplates.DELETION_COST + "\":\"" + cost + "\"}}}");
  }

  private Deployment readDeployment() {
    return client.apps().deployments().inNamespace("test").withName("pool").get();
  }

  @Test
  void podsStartWithResolvedEnvAndDeploymentStatusFollows() {
    client.resource(deployment(3, 5, "tok")).create();

    await().atMost(Duration.ofSeconds(10)).until(() -> readDeployment().getStatus() != null
        && Integer.valueOf(3).equals(readDeployment().getStatus().getReadyReplicas()));
    assertThat(apiPods()).hasSize(3).allSatisfy(p -> {
      assertThat(p.getStatus().getPhase()).isEqualTo("Running");
      assertThat(p.getMetadata().getLabels()).containsKey("pod-template-hash");
      assertThat(p.getMetadata().getOwnerReferences().get(0).getKind()).isEqualTo("Deployment");
    });
    assertThat(processes.values()).hasSize(3).allSatisfy(p -> {
      assertThat(p.started).isTrue();
      assertThat(p.env()).containsEntry("HATCHET_CLIENT_TOKEN", "ey.a.b")
          .containsEntry("POD_NAME", p.launch.podName())
          .containsEntry("LABELS", "{\"pod\":\"" + p.launch.podName() + "\"}");
    });
    assertThat(readDeployment().getStatus().getReplicas()).isEqualTo(3);
    assertThat(readDeployment().getStatus().getAvailableReplicas()).isEqualTo(3);
    assertThat(simulator.snapshot().totalSlots()).isEqualTo(15);
  }

  @Test
  void scaleDownRemovesTheLowestDeletionCostAndCountsKilledTasks() {
    client.resource(deployment(3, 1, "tok")).create();
    await().atMost(Duration.ofSeconds(10)).until(() -> simulator.snapshot().ready() == 3);
    List<String> names = simulator.livePods("test", "pool");
    String idle = names.get(1);
    String busy = names.get(0);
    processes.get(busy).running.set(2);
    setDeletionCost(idle, -1000);
    setDeletionCost(busy, 1000);
    await().atMost(Duration.ofSeconds(5)).until(() -> simulator.deletionCostSeen("test", idle) == -1000
        && simulator.deletionCostSeen("test", busy) == 1000);

    client.apps().deployments().inNamespace("test").withName("pool").scale(2);
    await().atMost(Duration.ofSeconds(10)).until(() -> simulator.livePods("test", "pool").size() == 2);
    assertThat(simulator.livePods("test", "pool")).doesNotContain(idle).contains(busy);
    await().atMost(Duration.ofSeconds(5)).until(() -> processes.get(idle).terminated);
    assertThat(processes.get(idle).killed).isFalse();

    client.apps().deployments().inNamespace("test").withName("pool").scale(1);
    await().atMost(Duration.ofSeconds(10)).until(() -> simulator.livePods("test", "pool").size() == 1);
    assertThat(simulator.livePods("test", "pool")).containsExactly(busy);

    client.apps().deployments().inNamespace("test").withName("pool").scale(0);
    await().atMost(Duration.ofSeconds(10)).until(() -> processes.get(busy).killed);
    // the count is added once the stop returns, just after the process was killed
    await().atMost(Duration.ofSeconds(5)).until(() -> simulator.tasksKilled() == 2);
    await().atMost(Duration.ofSeconds(5)).until(() -> apiPods().isEmpty()
        && Integer.valueOf(0).equals(readDeployment().getStatus().getReplicas()));
    assertThat(simulator.replicaChanges()).extracting(ReplicaChange::to).containsExactly(2, 1, 0);
    assertThat(simulator.deletions()).extracting(PodDeletion::pod).containsExactly(idle, names.get(2), busy);
    assertThat(simulator.deletions().get(0).runningTasks()).isZero();
    assertThat(simulator.deletions().get(2).runningTasks()).isEqualTo(2);
    assertThat(simulator.deletions().get(2).idleSurvivors()).isZero();
  }

  @Test
  void crashKillsAtOnceAndTheReplicaSetReplacesThePod() {
    client.resource(deployment(1, 30, "tok")).create();
    await().atMost(Duration.ofSeconds(10)).until(() -> simulator.snapshot().ready() == 1);
    String first = simulator.livePods("test", "pool").get(0);
    processes.get(first).running.set(3);

    simulator.crash("test", first);

    await().atMost(Duration.ofSeconds(10)).until(() -> simulator.snapshot().ready() == 1
        && !simulator.livePods("test", "pool").contains(first));
    assertThat(processes.get(first).killed).isTrue();
    assertThat(processes.get(first).terminated).isFalse();
    assertThat(simulator.tasksKilled()).as("a crash is not a scale-down kill").isZero();
  }

  @Test
  void podDeletedThroughTheApiGetsSigtermAndIsReplaced() {
    client.resource(deployment(1, 30, "tok")).create();
    await().atMost(Duration.ofSeconds(10)).until(() -> simulator.snapshot().ready() == 1);
    String first = simulator.livePods("test", "pool").get(0);

    client.pods().inNamespace("test").withName(first).delete();

    await().atMost(Duration.ofSeconds(10)).until(() -> processes.get(first).terminated);
    await().atMost(Duration.ofSeconds(10)).until(() -> simulator.snapshot().ready() == 1
        && !simulator.livePods("test", "pool").contains(first));
  }

  @Test
  void missingSecretKeepsThePodWaitingWithTheReasonUntilTheSecretExists() {
    client.resource(deployment(1, 30, "late")).create();
    await().atMost(Duration.ofSeconds(10)).until(() -> apiPods().size() == 1
        && apiPods().get(0).getStatus().getContainerStatuses() != null
        && !apiPods().get(0).getStatus().getContainerStatuses().isEmpty());
    var waiting = apiPods().get(0).getStatus().getContainerStatuses().get(0).getState().getWaiting();
    assertThat(waiting.getReason()).isEqualTo("CreateContainerConfigError");
    assertThat(waiting.getMessage()).contains("Secret test/late not found");

    client.secrets().resource(new SecretBuilder().withNewMetadata().withName("late").withNamespace("test")
        .endMetadata().addToStringData("token", "ey.c.d").build()).create();
    await().atMost(Duration.ofSeconds(10)).until(() -> simulator.snapshot().ready() == 1);
    assertThat(processes.values()).singleElement().satisfies(p ->
        assertThat(p.env()).containsEntry("HATCHET_CLIENT_TOKEN", "ey.c.d"));
  }

  @Test
  void templateChangeRollsSurgingFirstAndOldPodsDrainUnderTheirDeletionTimestamp() throws Exception {
    Deployment d = new DeploymentBuilder(deployment(3, 30, "tok")).editSpec().withNewStrategy()
        .withType("RollingUpdate").withNewRollingUpdate().withMaxSurge(new IntOrString(1))
        .withMaxUnavailable(new IntOrString(0)).endRollingUpdate().endStrategy().endSpec().build();
    client.resource(d).create();
    await().atMost(Duration.ofSeconds(10)).until(() -> simulator.snapshot().ready() == 3);
    List<String> old = simulator.livePods("test", "pool");
    old.forEach(name -> processes.get(name).running.set(1)); // every old pod is busy when the rollout starts
    AtomicInteger minReady = new AtomicInteger(Integer.MAX_VALUE);
    AtomicInteger maxLive = new AtomicInteger();
    ScheduledExecutorService watch = Executors.newSingleThreadScheduledExecutor();
    watch.scheduleAtFixedRate(() -> {
      ClusterSnapshot s = simulator.snapshot();
      minReady.accumulateAndGet(s.ready(), Math::min);
      maxLive.accumulateAndGet(s.ready() + s.starting(), Math::max);
    }, 0, 10, TimeUnit.MILLISECONDS);
    try {
      // the simulator writes the Deployment's status meanwhile: retry on a conflict, as kubectl edit would be
      await().atMost(Duration.ofSeconds(5)).ignoreException(KubernetesClientException.class).until(() -> {
        client.apps().deployments().inNamespace("test").withName("pool").edit(x -> new DeploymentBuilder(x)
            .editSpec().editTemplate().editSpec().editFirstContainer().addNewEnv().withName("REVISION")
            .withValue("2").endEnv().endContainer().endSpec().endTemplate().endSpec().build());
        return true;
      });

      await().atMost(Duration.ofSeconds(15)).until(() -> old.stream().allMatch(n -> processes.get(n).terminated)
          && simulator.snapshot().ready() == 3 && simulator.snapshot().outdated() == 3);
      assertThat(apiPods()).filteredOn(p -> old.contains(p.getMetadata().getName()))
          .as("draining old pods stay, terminating").hasSize(3)
          .allSatisfy(p -> assertThat(p.getMetadata().getDeletionTimestamp()).isNotNull());
      old.forEach(n -> {
        processes.get(n).running.set(0);
        processes.get(n).exited.complete(null);
      });
      await().atMost(Duration.ofSeconds(10)).until(() -> apiPods().size() == 3
          && simulator.snapshot().outdated() == 0);
    } finally {
      watch.shutdownNow();
    }
    assertThat(minReady.get()).as("never fewer ready pods than replicas").isEqualTo(3);
    assertThat(maxLive.get()).as("replicas + maxSurge at most").isEqualTo(4);
    assertThat(simulator.replicaSets("test", "pool")).extracting(ReplicaSetState::replicas).containsExactly(0, 3);
    String newHash = simulator.replicaSets("test", "pool").get(1).hash();
    assertThat(apiPods()).allSatisfy(p -> assertThat(p.getMetadata().getLabels())
        .containsEntry("pod-template-hash", newHash));
    assertThat(processes.values()).filteredOn(p -> !old.contains(p.launch.podName()))
        .allSatisfy(p -> assertThat(p.env()).containsEntry("REVISION", "2"));
    assertThat(simulator.terminations()).hasSize(3).allSatisfy(t -> {
      assertThat(t.outdated()).isTrue();
      assertThat(t.runningAtSignal()).isEqualTo(1);
      assertThat(t.drainedInGrace()).isTrue();
    });
    assertThat(simulator.tasksKilled()).isZero();
  }
}
