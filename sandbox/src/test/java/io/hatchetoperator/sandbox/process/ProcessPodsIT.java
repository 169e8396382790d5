package io.hatchetoperator.sandbox.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.hatchetoperator.sandbox.cluster.PodSimulator;
import io.hatchetoperator.sandbox.cluster.PodSimulatorSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sandbox's kubelet for process containers, with real OS processes (python3's http.server as the
 * "worker", serving its health on the host port the sandbox gives it): probes for real, readiness gating
 * Ready, liveness failures restarting it (counted), SIGTERM on deletion, and a missing binary shown as
 * CrashLoopBackOff with the exit code while the simulator keeps serving.
 */
@EnableKubernetesMockClient(crud = true)
class ProcessPodsIT {

  private static final List<String> HTTP_SERVER = List.of("sh", "-c",
      "exec python3 -m http.server \"$HATCHET_CLIENT_WORKER_HEALTHCHECK_PORT\" --bind 127.0.0.1");
  KubernetesClient client;
  private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);
  private PodSimulator simulator;
  private Path logs;

  @BeforeEach
  void start() throws Exception {
    logs = Files.createTempDirectory("process-pods");
    ProcessPodContext ctx = new ProcessPodContext(Path.of("").toAbsolutePath(), logs, "127.0.0.1:1", System.getenv(),
        new EngineWorkers() {
          @Override public int runningTasks(String workerId) {
            return 0;
          }

          @Override public int slots(String workerId) {
            return 0;
          }
        }, task -> { }, timer);
    simulator = new PodSimulator(client, new ProcessPods(ctx, launch -> {
      throw new AssertionError("every container here has a command");
    }), PodSimulatorSettings.defaults().withStartupDelay(Duration.ofMillis(100)), Clock.systemUTC());
    simulator.start();
  }

  @AfterEach
  void stop() {
    simulator.close();
    timer.shutdownNow();
  }

  private static Probe http(String path, int period, int failureThreshold) {
    return new ProbeBuilder().withNewHttpGet().withPath(path).withNewPort(8001).endHttpGet()
        .withPeriodSeconds(period).withFailureThreshold(failureThreshold).build();
  }

  private Deployment deployment(String name, List<String> command, Probe readiness, Probe liveness) {
    return new DeploymentBuilder().withNewMetadata().withName(name).withNamespace("test").endMetadata()
        .withNewSpec().withReplicas(1)
          .withNewSelector().addToMatchLabels("app", name).endSelector()
          .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
            .withNewSpec().withTerminationGracePeriodSeconds(5L).addNewContainer().withName("worker")
              .withCommand(command).withReadinessProbe(readiness).withLivenessProbe(liveness)
            .endContainer().endSpec()
          .endTemplate()
        .endSpec().build();
  }

  private ContainerStatus status(String app) {
    List<Pod> pods = client.pods().inNamespace("test").withLabel("app", app).list().getItems();
    if (pods.isEmpty() || pods.get(0).getStatus() == null || pods.get(0).getStatus().getContainerStatuses() == null
        || pods.get(0).getStatus().getContainerStatuses().isEmpty()) {
      return null;
    }
    return pods.get(0).getStatus().getContainerStatuses().get(0);
  }

  @Test
  void readinessProbeGatesReadyAndDeletionStopsTheProcessWithSigterm() {
    client.apps().deployments().resource(deployment("ok", HTTP_SERVER, http("/", 1, 3), http("/", 1, 3))).create();
    client.apps().deployments().resource(deployment("never", HTTP_SERVER, http("/missing", 1, 3), null)).create();
    await().atMost(Duration.ofSeconds(30)).until(() -> status("ok") != null && status("ok").getReady());
    await().atMost(Duration.ofSeconds(30)).until(() -> status("never") != null && status("never").getStarted());
    assertThat(simulator.snapshot().ready()).as("only the pod whose readiness probe passes").isEqualTo(1);
    assertThat(simulator.snapshot().starting()).isEqualTo(1);
    assertThat(status("never").getReady()).isFalse();

    client.apps().deployments().inNamespace("test").withName("ok").scale(0);
    await().atMost(Duration.ofSeconds(10)).until(() -> simulator.livePods("test", "ok").isEmpty()
        && simulator.snapshot().draining() == 0);
    assertThat(simulator.tasksKilled()).isZero();
    assertThat(simulator.restarts("test", "ok")).isZero();
  }

  @Test
  void aFailingLivenessProbeRestartsTheContainerAndCountsIt() {
    client.apps().deployments().resource(deployment("sick", HTTP_SERVER, null, http("/missing", 1, 2))).create();
    await().atMost(Duration.ofSeconds(30)).until(() -> status("sick") != null && status("sick").getLastState() != null
        && status("sick").getLastState().getTerminated() != null);
    assertThat(status("sick").getLastState().getTerminated().getMessage()).contains("liveness probe failed");
    assertThat(status("sick").getState().getWaiting().getReason()).isEqualTo("CrashLoopBackOff");
    await().atMost(Duration.ofSeconds(30)).until(() -> status("sick").getRestartCount() >= 1
        && status("sick").getState().getRunning() != null);
    assertThat(simulator.restarts("test", "sick")).isGreaterThanOrEqualTo(1);
  }

  @Test
  void aMissingBinaryShowsCrashLoopBackOffWithTheExitCodeAndTheSimulatorKeepsServing() throws Exception {
    client.apps().deployments().resource(deployment("broken", List.of("no-such-worker-binary"), null, null)).create();
    await().atMost(Duration.ofSeconds(30)).until(() -> status("broken") != null
        && status("broken").getState().getWaiting() != null);
    ContainerStatus s = status("broken");
    assertThat(s.getState().getWaiting().getReason()).isEqualTo("CrashLoopBackOff");
    assertThat(s.getState().getWaiting().getMessage()).contains("last exit code 128");
    assertThat(s.getLastState().getTerminated().getExitCode()).isEqualTo(128);
    assertThat(s.getLastState().getTerminated().getReason()).isEqualTo("StartError");
    assertThat(s.getLastState().getTerminated().getMessage()).contains("no-such-worker-binary");
    assertThat(Files.readString(logs.resolve(client.pods().inNamespace("test").withLabel("app", "broken").list()
        .getItems().get(0).getMetadata().getName() + ".log"))).contains("no-such-worker-binary");

    client.apps().deployments().resource(deployment("ok", HTTP_SERVER, http("/", 1, 3), null)).create();
    await().atMost(Duration.ofSeconds(30)).until(() -> status("ok") != null && status("ok").getReady());
  }
}
