package io.hatchetoperator.sandbox.cluster;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The ReplicaSet and Deployment controllers' pod arithmetic, as a pure function.
 *
 * <p>Scale-down ranks pods as the ReplicaSet controller does for the parts that matter here: pods of an
 * old template first, then pods that are not ready, then the lowest {@code pod-deletion-cost}, then the
 * newest. A template change rolls one pod at a time (max surge 1, max unavailable 0).
 */
public final class ReplicaSetPolicy {

  /** The scale-down order: the first pod in this order is deleted first. */
  public static Comparator<PodView> deletionOrder(String currentHash) {
    Comparator<PodView> oldFirst = Comparator.comparing(p -> p.templateHash().equals(currentHash));
    Comparator<PodView> notReadyFirst = Comparator.comparing(PodView::ready);
    return oldFirst
        .thenComparing(notReadyFirst)
        .thenComparingInt(PodView::deletionCost)
        .thenComparing(PodView::createdAt, Comparator.reverseOrder())
        .thenComparing(PodView::name);
  }

  /** Plans one reconcile of {@code desired} replicas over the live (not terminating) {@code pods}. */
  public static ReplicaSetPlan plan(int desired, String currentHash, List<PodView> pods) {
    if (desired < 0) {
      throw new IllegalArgumentException("spec.replicas is " + desired + "; set it to 0 or more");
    }
    long updated = pods.stream().filter(p -> p.templateHash().equals(currentHash)).count();
    long old = pods.size() - updated;
    long ready = pods.stream().filter(PodView::ready).count();
    int surge = old > 0 ? 1 : 0;
    List<PodView> ranked = new ArrayList<>(pods);
    ranked.sort(deletionOrder(currentHash));

    int excess = pods.size() - desired - surge;
    List<String> delete = new ArrayList<>();
    for (int i = 0; i < excess; i++) {
      delete.add(ranked.get(i).name());
    }
    if (delete.isEmpty() && old > 0 && ready > desired) {
      // Rolling update: a new pod became ready, so one old pod can go without losing availability.
      ranked.stream().filter(p -> !p.templateHash().equals(currentHash)).findFirst()
          .ifPresent(p -> delete.add(p.name()));
    }
    int live = pods.size() - delete.size();
    long updatedLive = updated - delete.stream()
        .filter(n -> pods.stream().anyMatch(p -> p.name().equals(n) && p.templateHash().equals(currentHash)))
        .count();
    int create = (int) Math.max(0, Math.min(desired - updatedLive, desired + surge - live));
    return new ReplicaSetPlan(create, List.copyOf(delete));
  }

  private ReplicaSetPolicy() {}
}
