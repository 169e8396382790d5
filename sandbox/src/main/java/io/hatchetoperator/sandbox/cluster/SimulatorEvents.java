package io.hatchetoperator.sandbox.cluster;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import java.util.function.Consumer;

/** The pod simulator's informer handlers: which API changes make it reconcile (they run on informer threads). */
final class SimulatorEvents {

  /** Any Deployment change: reconcile soon. */
  static ResourceEventHandler<Deployment> onDeploymentChange(Runnable reconcileSoon) {
    return new ResourceEventHandler<>() {
      @Override public void onAdd(Deployment d) {
        reconcileSoon.run();
      }

      @Override public void onUpdate(Deployment oldD, Deployment newD) {
        reconcileSoon.run();
      }

      @Override public void onDelete(Deployment d, boolean unknownFinalState) {
        reconcileSoon.run();
      }
    };
  }

  /** A pod's deletion cost changed: reconcile soon; a pod was deleted: hand it to {@code deleted}. */
  static ResourceEventHandler<Pod> onPodChange(Runnable reconcileSoon, Consumer<Pod> deleted) {
    return new ResourceEventHandler<>() {
      @Override public void onAdd(Pod pod) { }

      @Override public void onUpdate(Pod oldPod, Pod newPod) {
        if (oldPod.getMetadata().getDeletionTimestamp() == null
            && newPod.getMetadata().getDeletionTimestamp() != null) {
          deleted.accept(newPod); // a graceful deletion was asked for: the pod is terminating
        } else if (PodTemplates.deletionCost(oldPod) != PodTemplates.deletionCost(newPod)) {
          reconcileSoon.run();
        }
      }

      @Override public void onDelete(Pod pod, boolean unknownFinalState) {
        deleted.accept(pod);
      }
    };
  }

  private SimulatorEvents() {}
}
