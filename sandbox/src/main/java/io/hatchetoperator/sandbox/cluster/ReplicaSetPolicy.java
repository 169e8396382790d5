package io.hatchetoperator.sandbox.cluster;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The ReplicaSet controller's pod arithmetic for one ReplicaSet, as a pure function: create the missing pods, or
 * delete the surplus in the controller's ranking for the parts that matter here (kubernetes/kubernetes
 * {@code pkg/controller/controller_utils.go}, {@code ActivePodsWithRanks}): pods that are not ready first, then the
 * lowest {@code pod-deletion-cost}, then the newest. Terminating pods are not counted (the controller's
 * {@code FilterActivePods}), so a draining pod is replaced at once. Which ReplicaSet holds how many pods during a
 * rollout is {@link DeploymentRollout}'s decision.
 */
public final class ReplicaSetPolicy {

  /** The scale-down order within one ReplicaSet: the first pod in this order is deleted first. */
  public static Comparator<PodView> deletionOrder() {
    return Comparator.comparing(PodView::ready)
        .thenComparingInt(PodView::deletionCost)
        .thenComparing(PodView::createdAt, Comparator.reverseOrder())
        .thenComparing(PodView::name);
  }

  /** Plans one sync of a ReplicaSet of {@code replicas} over its live (not terminating) {@code pods}. */
  public static ReplicaSetPlan plan(int replicas, List<PodView> pods) {
    if (replicas < 0) {
      throw new IllegalArgumentException("spec.replicas is " + replicas + "; set it to 0 or more");
    }
    if (pods.size() <= replicas) {
      return new ReplicaSetPlan(replicas - pods.size(), List.of());
    }
    List<PodView> ranked = new ArrayList<>(pods);
    ranked.sort(deletionOrder());
    return new ReplicaSetPlan(0, ranked.subList(0, pods.size() - replicas).stream().map(PodView::name).toList());
  }

  private ReplicaSetPolicy() {}
}
