package io.hatchetoperator.sandbox.cluster;

/**
 * What the Deployment controller keeps on one of a Deployment's ReplicaSets: its pod-template-hash, its
 * {@code spec.replicas}, its revision, the {@code deployment.kubernetes.io/desired-replicas} and
 * {@code max-replicas} annotations (null when unset) and its creation order, and {@code available}, its ready pods
 * that are not terminating (the ReplicaSet's {@code status.availableReplicas} with {@code minReadySeconds} 0).
 */
public record ReplicaSetState(String hash, int replicas, long revision, Integer desiredAnnotation,
    Integer maxAnnotation, long createdSeq, int available) {

  /** The same ReplicaSet scaled to {@code to}, its replica annotations set for {@code desired} and {@code max}. */
  ReplicaSetState scaled(int to, int desired, int max) {
    return new ReplicaSetState(hash, to, revision, desired, max, createdSeq, available);
  }

  /** True when it asks for at least one pod (the controller's {@code FilterActiveReplicaSets}). */
  boolean active() {
    return replicas > 0;
  }
}
