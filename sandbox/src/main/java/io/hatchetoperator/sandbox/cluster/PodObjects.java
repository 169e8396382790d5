package io.hatchetoperator.sandbox.cluster;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulator's writes of a pod's end to the API server: the graceful deletion request (the object stays,
 * terminating, held by the simulator's kubelet finalizer), and the release of that finalizer once the pod's process
 * is gone, which lets the object go. A pod already gone is not an error.
 */
final class PodObjects {

  private static final Logger log = LoggerFactory.getLogger(PodObjects.class);

  private final KubernetesClient client;

  PodObjects(KubernetesClient client) {
    this.client = client;
  }

  /** Asks for the pod's graceful deletion: the API server sets its deletionTimestamp and keeps it. */
  void requestDeletion(SimulatedPod pod) {
    try {
      client.pods().inNamespace(pod.namespace).withName(pod.name).delete();
    } catch (KubernetesClientException e) {
      log.debug("pod {}: could not delete its object: {}", pod.key(), e.getMessage());
    }
  }

  /** Deletes the pod with no grace period (a crash) and releases it at once. */
  void forceDelete(SimulatedPod pod) {
    try {
      client.pods().inNamespace(pod.namespace).withName(pod.name).withGracePeriod(0).delete();
    } catch (KubernetesClientException e) {
      log.debug("pod {}: could not delete its object: {}", pod.key(), e.getMessage());
    }
    release(pod);
  }

  /** The kubelet's last step: the pod's process is gone, so its object may go (the finalizer is released). */
  void release(SimulatedPod pod) {
    try {
      client.pods().inNamespace(pod.namespace).withName(pod.name).edit(p -> {
        p.getMetadata().setFinalizers(p.getMetadata().getFinalizers().stream()
            .filter(f -> !f.equals(PodTemplates.KUBELET_FINALIZER)).toList());
        return p;
      });
    } catch (KubernetesClientException e) {
      log.debug("pod {}: could not release its object: {}", pod.key(), e.getMessage());
    }
  }
}
