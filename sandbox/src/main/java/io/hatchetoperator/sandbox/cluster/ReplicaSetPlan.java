package io.hatchetoperator.sandbox.cluster;

import java.util.List;

/** What one reconcile of a Deployment does: how many pods to create and which pods to delete. */
public record ReplicaSetPlan(int create, List<String> delete) {

  /** A plan that changes nothing. */
  public static ReplicaSetPlan none() {
    return new ReplicaSetPlan(0, List.of());
  }

  /** True when the plan creates or deletes something. */
  public boolean changes() {
    return create > 0 || !delete.isEmpty();
  }
}
