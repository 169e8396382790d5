package io.hatchetoperator.sandbox.cluster;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import java.util.Objects;

/** Keeps a Deployment's status (replicas, ready, available, updated) true to the simulated pods. */
final class DeploymentStatusWriter {

  private final KubernetesClient client;

  DeploymentStatusWriter(KubernetesClient client) {
    this.client = client;
  }

  void write(Deployment d, List<SimulatedPod> live, String currentHash) {
    int replicas = live.size();
    int ready = (int) live.stream().filter(p -> p.phase == SimulatedPod.Phase.READY).count();
    int updated = (int) live.stream().filter(p -> p.templateHash.equals(currentHash)).count();
    int desired = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
    DeploymentStatus current = d.getStatus() == null ? new DeploymentStatus() : d.getStatus();
    if (Objects.equals(current.getReplicas(), replicas) && Objects.equals(current.getReadyReplicas(), ready)
        && Objects.equals(current.getAvailableReplicas(), ready)
        && Objects.equals(current.getUpdatedReplicas(), updated)
        && Objects.equals(current.getObservedGeneration(), d.getMetadata().getGeneration())) {
      return;
    }
    DeploymentStatus status = new DeploymentStatusBuilder()
        .withReplicas(replicas).withReadyReplicas(ready).withAvailableReplicas(ready)
        .withUnavailableReplicas(Math.max(0, desired - ready)).withUpdatedReplicas(updated)
        .withObservedGeneration(d.getMetadata().getGeneration())
        .addNewCondition().withType("Available").withStatus(ready >= desired ? "True" : "False")
          .withReason(ready >= desired ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable").endCondition()
        .build();
    try {
      client.apps().deployments().inNamespace(d.getMetadata().getNamespace()).withName(d.getMetadata().getName())
          .editStatus(x -> {
            x.setStatus(status);
            return x;
          });
    } catch (KubernetesClientException e) {
      // Deleted or changed meanwhile: the next reconcile writes the status again.
    }
  }
}
