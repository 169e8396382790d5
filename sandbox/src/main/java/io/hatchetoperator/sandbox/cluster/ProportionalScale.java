package io.hatchetoperator.sandbox.cluster;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The Deployment controller's answer to a change of {@code spec.replicas} in the middle of a rollout, as a pure
 * function (kubernetes/kubernetes {@code pkg/controller/deployment/sync.go}, {@code scale}, with
 * {@code GetProportion} and {@code getReplicaSetFraction} of {@code util/deployment_util.go}): with one active
 * ReplicaSet it takes the whole count; a saturated new ReplicaSet ends the old ones; otherwise the change is shared
 * among the active ReplicaSets in proportion to their size, the rounding leftover going to the largest.
 */
final class ProportionalScale {

  static List<ReplicaSetState> scale(int replicas, int surge, ReplicaSetState newRs, List<ReplicaSetState> all,
      int statusReplicas) {
    List<ReplicaSetState> out = new ArrayList<>(all);
    int max = replicas + surge;
    List<ReplicaSetState> active = all.stream().filter(ReplicaSetState::active).toList();
    if (active.size() <= 1) {
      // FindActiveOrLatest: the only active ReplicaSet, else the new one, else the newest old one
      ReplicaSetState target = !active.isEmpty() ? active.get(0)
          : newRs != null ? newRs : all.isEmpty() ? null : all.get(all.size() - 1);
      if (target != null) {
        DeploymentRollout.set(out, target.scaled(replicas, replicas, max));
      }
      return out;
    }
    if (newRs != null && newRs.replicas() == replicas && newRs.desiredAnnotation() != null
        && newRs.desiredAnnotation() == replicas && newRs.available() == replicas) {
      for (ReplicaSetState rs : active) {
        if (!rs.hash().equals(newRs.hash())) {
          DeploymentRollout.set(out, rs.scaled(0, replicas, max));
        }
      }
      return out;
    }
    int allowed = replicas > 0 ? max : 0;
    int toAdd = allowed - active.stream().mapToInt(ReplicaSetState::replicas).sum();
    List<ReplicaSetState> ordered = new ArrayList<>(active);
    // ReplicaSetsBySizeNewer when growing, ReplicaSetsBySizeOlder when shrinking: larger first, then by age
    Comparator<ReplicaSetState> bySize = Comparator.comparingInt(ReplicaSetState::replicas).reversed();
    ordered.sort(toAdd > 0
        ? bySize.thenComparing(Comparator.comparingLong(ReplicaSetState::createdSeq).reversed())
        : bySize.thenComparingLong(ReplicaSetState::createdSeq));
    int added = 0;
    int[] sizes = new int[ordered.size()];
    for (int i = 0; i < ordered.size(); i++) {
      ReplicaSetState rs = ordered.get(i);
      int proportion = toAdd == 0 ? 0 : proportion(rs, replicas, max, statusReplicas, toAdd, added);
      sizes[i] = rs.replicas() + proportion;
      added += proportion;
    }
    if (toAdd != 0) {
      sizes[0] = Math.max(0, sizes[0] + toAdd - added);
    }
    for (int i = 0; i < ordered.size(); i++) {
      DeploymentRollout.set(out, ordered.get(i).scaled(sizes[i], replicas, max));
    }
    return out;
  }

  /** {@code GetProportion}: the ReplicaSet's share of {@code toAdd}, bounded by what is left of it. */
  private static int proportion(ReplicaSetState rs, int replicas, int max, int statusReplicas, int toAdd, int added) {
    if (rs.replicas() == 0 || toAdd == added) {
      return 0;
    }
    int fraction;
    if (replicas == 0) {
      fraction = -rs.replicas();
    } else {
      int annotated = rs.maxAnnotation() != null ? rs.maxAnnotation() : statusReplicas;
      fraction = annotated == 0 ? 0 : (int) Math.round((double) rs.replicas() * max / annotated) - rs.replicas();
    }
    int allowed = toAdd - added;
    return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
  }

  private ProportionalScale() {}
}
