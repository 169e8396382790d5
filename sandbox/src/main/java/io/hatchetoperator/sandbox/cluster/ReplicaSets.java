package io.hatchetoperator.sandbox.cluster;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulator's ReplicaSets, kept in memory per Deployment (the mock API server holds no ReplicaSet objects):
 * each one's state and the pod template it was created from, so that an old ReplicaSet scaled up during a rollout
 * still makes pods of its own template. Used from the simulator's reconcile thread only.
 */
final class ReplicaSets {

  private static final Logger log = LoggerFactory.getLogger(ReplicaSets.class);

  private final Map<String, List<ReplicaSetState>> sets = new ConcurrentHashMap<>();
  private final Map<String, Map<String, PodTemplateSpec>> templates = new ConcurrentHashMap<>();
  private final Map<String, String> currentHash = new ConcurrentHashMap<>();
  private final AtomicLong seq = new AtomicLong();

  /**
   * One Deployment-controller sync of {@code d}, whose template hashes to {@code hash}: the ReplicaSets after it,
   * given each hash's available (ready, not terminating) pods and whether an old pod still runs.
   */
  List<ReplicaSetState> sync(Deployment d, String hash, Map<String, Integer> available, boolean oldPodsRunning) {
    String key = d.getMetadata().getNamespace() + "/" + d.getMetadata().getName();
    int replicas = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
    int statusReplicas = d.getStatus() == null || d.getStatus().getReplicas() == null ? 0
        : d.getStatus().getReplicas();
    templates.computeIfAbsent(key, k -> new ConcurrentHashMap<>())
        .computeIfAbsent(hash, h -> Serialization.clone(d.getSpec().getTemplate()));
    String before = currentHash.put(key, hash);
    if (before != null && !before.equals(hash)) {
      log.info("deployment {}: pod template changed ({} -> {}): rolling out with {}", key, before, hash,
          RolloutStrategy.of(d));
    }
    List<ReplicaSetState> known = new ArrayList<>();
    for (ReplicaSetState rs : sets.getOrDefault(key, List.of())) {
      known.add(new ReplicaSetState(rs.hash(), rs.replicas(), rs.revision(), rs.desiredAnnotation(),
          rs.maxAnnotation(), rs.createdSeq(), available.getOrDefault(rs.hash(), 0)));
    }
    List<ReplicaSetState> after = DeploymentRollout.sync(replicas, RolloutStrategy.of(d), hash, known,
        statusReplicas, oldPodsRunning, seq.incrementAndGet());
    for (ReplicaSetState rs : after) {
      known.stream().filter(k -> k.hash().equals(rs.hash())).findFirst()
          .filter(k -> k.replicas() == rs.replicas()).ifPresentOrElse(k -> { },
              () -> log.info("deployment {}: replica set {}-{} scaled to {}", key, d.getMetadata().getName(),
                  rs.hash(), rs.replicas()));
    }
    sets.put(key, List.copyOf(after));
    return after;
  }

  /** The template the ReplicaSet {@code hash} of Deployment {@code key} makes its pods from. */
  PodTemplateSpec template(String key, String hash) {
    return templates.get(key).get(hash);
  }

  /** The current template hash of Deployment {@code key}, null before its first sync. */
  String currentHash(String key) {
    return currentHash.get(key);
  }

  /** The ReplicaSets of Deployment {@code key} after its last sync, oldest first. */
  List<ReplicaSetState> of(String key) {
    return sets.getOrDefault(key, List.of());
  }

  /** Forgets every Deployment not in {@code existing} (deleted). */
  void retain(Set<String> existing) {
    sets.keySet().retainAll(existing);
    templates.keySet().retainAll(existing);
    currentHash.keySet().retainAll(existing);
  }
}
