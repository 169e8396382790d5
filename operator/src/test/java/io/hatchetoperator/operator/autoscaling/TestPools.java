package io.hatchetoperator.operator.autoscaling;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.hatchetoperator.operator.api.AutoscalingSpec;
import io.hatchetoperator.operator.api.EngineSpec;
import io.hatchetoperator.operator.api.HatchetWorkerPool;
import io.hatchetoperator.operator.api.HatchetWorkerPoolSpec;
import io.hatchetoperator.operator.api.HatchetWorkerPoolStatus;
import io.hatchetoperator.operator.api.ScaleDownSpec;
import io.hatchetoperator.operator.api.SecretKeyRef;
import java.util.List;

/** Builders of pools and pods for autoscaling tests. */
final class TestPools {

  private TestPools() {}

  /** An autoscaled pool with 5 slots per worker, no scale-down window, at {@code desired}. */
  static HatchetWorkerPool pool(String namespace, String name, String apiUrl, int min, int max,
      Integer desired) {
    AutoscalingSpec autoscaling = new AutoscalingSpec(min, max, 0.8, "10s", "2s", null,
        new ScaleDownSpec("0s", null), "120s", null);
    return pool(namespace, name, apiUrl, autoscaling, desired);
  }

  static HatchetWorkerPool pool(String namespace, String name, String apiUrl,
      AutoscalingSpec autoscaling, Integer desired) {
    HatchetWorkerPool pool = new HatchetWorkerPool();
    pool.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name)
        .withUid("uid-" + name).withGeneration(1L).build());
    pool.setSpec(new HatchetWorkerPoolSpec(null, 5, List.of("resize"),
        new EngineSpec(new SecretKeyRef("hatchet-token", "token"), null, apiUrl, null, null),
        new PodTemplateSpec(), null, autoscaling, null, null));
    HatchetWorkerPoolStatus status = new HatchetWorkerPoolStatus();
    status.setDesiredReplicas(desired);
    pool.setStatus(status);
    return pool;
  }

  /** The same pool with {@code spec.replicas} set, as {@code kubectl scale} does. */
  static HatchetWorkerPool scaledByHand(HatchetWorkerPool pool, int replicas) {
    HatchetWorkerPoolSpec s = pool.getSpec();
    pool.setSpec(new HatchetWorkerPoolSpec(s.workerName(), s.slots(), s.tasks(), s.engine(),
        s.template(), replicas, s.autoscaling(), s.drain(), s.disruptionBudget()));
    return pool;
  }

  /** A pod of the pool, ready or not. */
  static Pod pod(String namespace, String pool, String name, boolean ready) {
    return new PodBuilder().withNewMetadata().withNamespace(namespace).withName(name)
        .addToLabels(PoolInputsMapper.POOL_LABEL, pool).endMetadata()
        .withNewStatus().addNewCondition().withType("Ready")
        .withStatus(ready ? "True" : "False").endCondition().endStatus().build();
  }
}
