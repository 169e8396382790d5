package io.hatchetoperator.sandbox.cluster;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Instant;
import java.util.List;

/** Writes a simulated pod's status as the kubelet would: Running and Ready, or waiting with a reason. */
final class PodStatusWriter {

  static void ready(KubernetesClient client, SimulatedPod pod) {
    String now = Instant.now().toString();
    write(client, pod, new PodStatusBuilder().withPhase("Running").withPodIP("127.0.0.1").withHostIP("127.0.0.1")
        .withStartTime(now)
        .withConditions(List.of(
            new PodConditionBuilder().withType("Ready").withStatus("True").withLastTransitionTime(now).build(),
            new PodConditionBuilder().withType("ContainersReady").withStatus("True").build(),
            new PodConditionBuilder().withType("PodScheduled").withStatus("True").build()))
        .withContainerStatuses(new ContainerStatusBuilder().withName("worker").withReady(true).withStarted(true)
            .withNewState().withNewRunning().withStartedAt(now).endRunning().endState().build())
        .build());
  }

  static void waiting(KubernetesClient client, SimulatedPod pod, String reason, String message) {
    write(client, pod, new PodStatusBuilder().withPhase("Pending")
        .withConditions(new PodConditionBuilder().withType("Ready").withStatus("False")
            .withReason("ContainersNotReady").build())
        .withContainerStatuses(new ContainerStatusBuilder().withName("worker").withReady(false)
            .withNewState().withNewWaiting().withReason(reason).withMessage(message).endWaiting().endState().build())
        .build());
  }

  /**
   * The status of a container that runs as a process: Running (Ready or not) with its restart count, or
   * waiting with the reason (e.g. CrashLoopBackOff) and how its last run ended.
   */
  static void container(KubernetesClient client, SimulatedPod pod, ContainerState state) {
    String now = Instant.now().toString();
    ContainerStatusBuilder container = new ContainerStatusBuilder().withName("worker").withReady(state.ready())
        .withStarted(state.running()).withRestartCount(state.restarts());
    if (state.running()) {
      container.withNewState().withNewRunning().withStartedAt(now).endRunning().endState();
    } else {
      container.withNewState().withNewWaiting().withReason(state.waitingReason())
          .withMessage(state.waitingMessage()).endWaiting().endState();
    }
    ContainerState.Termination last = state.lastExit();
    if (last != null) {
      container.withNewLastState().withNewTerminated().withExitCode(last.exitCode()).withReason(last.reason())
          .withMessage(last.message()).withFinishedAt(now).endTerminated().endLastState();
    }
    String ready = state.ready() ? "True" : "False";
    write(client, pod, new PodStatusBuilder().withPhase("Running").withPodIP("127.0.0.1").withHostIP("127.0.0.1")
        .withConditions(List.of(
            new PodConditionBuilder().withType("Ready").withStatus(ready).withLastTransitionTime(now)
                .withReason(state.ready() ? null : "ContainersNotReady").build(),
            new PodConditionBuilder().withType("ContainersReady").withStatus(ready).build(),
            new PodConditionBuilder().withType("PodScheduled").withStatus("True").build()))
        .withContainerStatuses(container.build())
        .build());
  }

  private static void write(KubernetesClient client, SimulatedPod pod, PodStatus status) {
    try {
      client.pods().inNamespace(pod.namespace).withName(pod.name).editStatus(p -> {
        p.setStatus(status);
        return p;
      });
    } catch (KubernetesClientException e) {
      // The pod may be deleted meanwhile; its status no longer matters.
    }
  }

  private PodStatusWriter() {}
}
