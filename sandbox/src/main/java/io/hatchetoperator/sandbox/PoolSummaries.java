package io.hatchetoperator.sandbox;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.hatchetoperator.sandbox.cluster.PodSimulator;
import io.hatchetoperator.sandbox.cluster.ReplicaChange;
import io.hatchetoperator.sandbox.report.PoolSummary;
import io.hatchetoperator.sandbox.report.PoolSummary.PoolCondition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads each pool's end state for the report: its replicas over the run, its pods' restarts, its conditions. */
final class PoolSummaries {

  static List<PoolSummary> of(Sandbox sandbox, Instant runStart) {
    String ns = sandbox.settings().namespace();
    PodSimulator pods = sandbox.pods();
    List<PoolSummary> out = new ArrayList<>();
    for (PoolManifest pool : sandbox.pools()) {
      int last = Math.max(0, pods.desiredReplicas(ns, pool.name()));
      int max = last;
      for (ReplicaChange c : pods.replicaChanges()) {
        if (c.namespace().equals(ns) && c.deployment().equals(pool.name()) && !c.at().isBefore(runStart)) {
          max = Math.max(max, Math.max(c.from(), c.to()));
        }
      }
      out.add(new PoolSummary(pool.name(), max, last, pods.restarts(ns, pool.name()),
          conditions(sandbox.kubernetes(), ns, pool.name())));
    }
    return out;
  }

  /** The pool's {@code status.conditions}, read from the API server as {@code kubectl} would. */
  static List<PoolCondition> conditions(KubernetesClient k8s, String ns, String name) {
    GenericKubernetesResource pool = k8s.genericKubernetesResources(PoolManifest.API_VERSION, "HatchetWorkerPool")
        .inNamespace(ns).withName(name).get();
    if (pool == null || !(pool.getAdditionalProperties().get("status") instanceof Map<?, ?> status)
        || !(status.get("conditions") instanceof List<?> conditions)) {
      return List.of();
    }
    List<PoolCondition> out = new ArrayList<>();
    for (Object o : conditions) {
      if (o instanceof Map<?, ?> c) {
        out.add(new PoolCondition(text(c.get("type")), text(c.get("status")), text(c.get("reason")),
            text(c.get("message"))));
      }
    }
    return out;
  }

  private static String text(Object o) {
    return o == null ? null : o.toString();
  }

  private PoolSummaries() {}
}
