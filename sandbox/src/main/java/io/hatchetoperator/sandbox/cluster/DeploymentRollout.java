package io.hatchetoperator.sandbox.cluster;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * One sync of the Deployment controller over a Deployment's ReplicaSets, as a pure function: a scaling event
 * scales every active ReplicaSet proportionally, otherwise a rolling update scales the new ReplicaSet up within
 * {@code replicas + maxSurge} and the old ones down while {@code replicas - maxUnavailable} stay available (or
 * Recreate removes every old pod first). Read from kubernetes/kubernetes {@code pkg/controller/deployment}:
 * {@code sync.go} ({@code isScalingEvent}, {@code scale}), {@code rolling.go} ({@code reconcileNewReplicaSet},
 * {@code reconcileOldReplicaSets}, {@code cleanupUnhealthyReplicas}, {@code scaleDownOldReplicaSetsForRollingUpdate}),
 * {@code recreate.go}, and {@code util/deployment_util.go} ({@code NewRSNewReplicas}, {@code GetProportion},
 * {@code getReplicaSetFraction}, {@code IsSaturated}). Like the controller, one sync takes one step; the next
 * sync (the next pod event or resync) takes the next.
 */
public final class DeploymentRollout {

  /**
   * The ReplicaSets after one sync, oldest first; a new ReplicaSet for {@code hash} is appended when none exists.
   *
   * @param replicas the Deployment's {@code spec.replicas}
   * @param statusReplicas the Deployment's {@code status.replicas} (a ReplicaSet without max-replicas falls back on it)
   * @param oldPodsRunning true while any pod of an old ReplicaSet still runs, terminating ones included
   * @param nextSeq the creation order a new ReplicaSet gets
   */
  public static List<ReplicaSetState> sync(int replicas, RolloutStrategy strategy, String hash,
      List<ReplicaSetState> sets, int statusReplicas, boolean oldPodsRunning, long nextSeq) {
    if (replicas < 0) {
      throw new IllegalArgumentException("spec.replicas is " + replicas + "; set it to 0 or more");
    }
    int surge = strategy.fenceposts(replicas).surge();
    List<ReplicaSetState> all = new ArrayList<>(sets);
    all.sort(Comparator.comparingLong(ReplicaSetState::createdSeq));
    Optional<ReplicaSetState> newRs = all.stream().filter(s -> s.hash().equals(hash)).findFirst();
    boolean scalingEvent = all.stream().anyMatch(s -> s.active() && s.desiredAnnotation() != null
        && s.desiredAnnotation() != replicas);
    if (scalingEvent) {
      return ProportionalScale.scale(replicas, surge, newRs.orElse(null), all, statusReplicas);
    }
    if (strategy.recreate()) {
      return recreate(replicas, hash, all, oldPodsRunning, nextSeq);
    }
    ReplicaSetState current = newRs.orElse(null);
    if (current == null) {
      long revision = all.stream().mapToLong(ReplicaSetState::revision).max().orElse(0) + 1;
      current = new ReplicaSetState(hash, 0, revision, null, null, nextSeq, 0);
      all.add(current);
      current = current.scaled(newReplicas(replicas, surge, all, current), replicas, replicas + surge);
      set(all, current);
    }
    // reconcileNewReplicaSet: scale the new ReplicaSet up within replicas + maxSurge, or down to replicas
    if (current.replicas() > replicas) {
      set(all, current.scaled(replicas, replicas, replicas + surge));
      return all;
    }
    int up = newReplicas(replicas, surge, all, current);
    if (up != current.replicas()) {
      set(all, current.scaled(up, replicas, replicas + surge));
      return all;
    }
    scaleDownOld(replicas, strategy.fenceposts(replicas).unavailable(), surge, current, all);
    return all;
  }

  /** {@code NewRSNewReplicas}: the new ReplicaSet grows by what keeps all ReplicaSets within replicas + surge. */
  static int newReplicas(int replicas, int surge, List<ReplicaSetState> all, ReplicaSetState current) {
    int total = all.stream().mapToInt(ReplicaSetState::replicas).sum();
    int maxTotal = replicas + surge;
    if (total >= maxTotal) {
      return current.replicas();
    }
    return current.replicas() + Math.min(maxTotal - total, replicas - current.replicas());
  }

  /** {@code reconcileOldReplicaSets}: removes unhealthy old pods, then old pods beyond the minimum available. */
  private static void scaleDownOld(int replicas, int maxUnavailable, int surge, ReplicaSetState current,
      List<ReplicaSetState> all) {
    List<ReplicaSetState> old = all.stream().filter(s -> s != current && s.active()).toList();
    if (old.isEmpty()) {
      return;
    }
    int allPods = all.stream().mapToInt(ReplicaSetState::replicas).sum();
    int minAvailable = replicas - maxUnavailable;
    int newUnavailable = current.replicas() - current.available();
    int maxScaledDown = allPods - minAvailable - newUnavailable;
    if (maxScaledDown <= 0) {
      return;
    }
    int cleaned = 0;
    for (ReplicaSetState rs : old) {
      if (cleaned >= maxScaledDown) {
        break;
      }
      if (rs.replicas() <= rs.available()) {
        continue; // no unhealthy replica
      }
      int by = Math.min(maxScaledDown - cleaned, rs.replicas() - rs.available());
      set(all, rs.scaled(rs.replicas() - by, replicas, replicas + surge));
      cleaned += by;
    }
    int available = all.stream().mapToInt(ReplicaSetState::available).sum();
    if (available <= minAvailable) {
      return;
    }
    int toRemove = available - minAvailable;
    for (ReplicaSetState rs : all.stream().filter(s -> !s.hash().equals(current.hash()) && s.active()).toList()) {
      if (toRemove <= 0) {
        break;
      }
      int by = Math.min(rs.replicas(), toRemove);
      set(all, rs.scaled(rs.replicas() - by, replicas, replicas + surge));
      toRemove -= by;
    }
  }

  /** {@code rolloutRecreate}: old ReplicaSets to 0, and the new one up only once no old pod runs. */
  private static List<ReplicaSetState> recreate(int replicas, String hash, List<ReplicaSetState> all,
      boolean oldPodsRunning, long nextSeq) {
    boolean scaledDown = false;
    for (ReplicaSetState rs : List.copyOf(all)) {
      if (!rs.hash().equals(hash) && rs.active()) {
        set(all, rs.scaled(0, replicas, replicas));
        scaledDown = true;
      }
    }
    if (scaledDown || oldPodsRunning) {
      return all;
    }
    ReplicaSetState current = all.stream().filter(s -> s.hash().equals(hash)).findFirst().orElse(null);
    if (current == null) {
      long revision = all.stream().mapToLong(ReplicaSetState::revision).max().orElse(0) + 1;
      current = new ReplicaSetState(hash, 0, revision, null, null, nextSeq, 0);
      all.add(current);
    }
    set(all, current.scaled(replicas, replicas, replicas));
    return all;
  }

  static void set(List<ReplicaSetState> all, ReplicaSetState changed) {
    for (int i = 0; i < all.size(); i++) {
      if (all.get(i).hash().equals(changed.hash())) {
        all.set(i, changed);
        return;
      }
    }
    all.add(changed);
  }

  private DeploymentRollout() {}
}
