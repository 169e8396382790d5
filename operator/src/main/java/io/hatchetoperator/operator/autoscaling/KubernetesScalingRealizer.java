package io.hatchetoperator.operator.autoscaling;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.hatchetoperator.autoscaler.WorkerSnapshot;
import io.hatchetoperator.autoscaler.orchestrator.ScalingRealizer;
import io.hatchetoperator.operator.engine.EngineApi;
import io.hatchetoperator.operator.engine.EngineApiException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ScalingRealizer} for Kubernetes and Hatchet. Replica counts are handed to the reconciler (the
 * one writer of {@code status.desiredReplicas}); a cordon pauses the worker in the engine; on a
 * scale-down the confirmed-idle pods get the lowest {@code controller.kubernetes.io/pod-deletion-cost}
 * so the ReplicaSet removes them first (and busy pods a cost above idle ones, see {@link #protectBusy}).
 * If a pod cannot be marked, the count is not lowered: better a pod too many than a killed task. An
 * uncordon unpauses the worker and removes the cost.
 */
public final class KubernetesScalingRealizer implements ScalingRealizer {

  /** The annotation the ReplicaSet controller orders victims by (lowest first). */
  public static final String DELETION_COST = "controller.kubernetes.io/pod-deletion-cost";
  /** The cost of a cordoned pod: below every other pod of the pool. */
  public static final int CORDONED_COST = -1000;

  private static final Logger LOG = LoggerFactory.getLogger(KubernetesScalingRealizer.class);

  private final KubernetesClient client;
  private final EnginePollers pollers;
  private final EngineMetricsSource views;
  private final Map<String, Integer> decided = new ConcurrentHashMap<>();

  /** A realizer that pauses workers through {@code pollers}' clients and patches pods. */
  public KubernetesScalingRealizer(KubernetesClient client, EnginePollers pollers,
      EngineMetricsSource views) {
    this.client = client;
    this.pollers = pollers;
    this.views = views;
  }

  @Override
  public void setReplicas(String pool, int replicas, List<String> removePods) {
    for (String pod : removePods) {
      try {
        setCost(PoolKeys.namespace(pool), pod, CORDONED_COST);
      } catch (RuntimeException e) {
        int current = views.view(pool).map(PoolView::currentReplicas).orElse(replicas);
        LOG.warn("pool {}: could not mark pod {} as the next to delete ({}); keeping {} replicas"
            + " instead of {} so that no other pod is removed", pool, pod, e.getMessage(),
            Math.max(current, replicas), replicas);
        decided.put(pool, Math.max(current, replicas));
        return;
      }
    }
    decided.put(pool, replicas);
  }

  /** The replica count set by the last tick of {@code pool}, once; empty when it set none. */
  public Optional<Integer> takeReplicas(String pool) {
    return Optional.ofNullable(decided.remove(pool));
  }

  @Override
  public void cordon(String pool, WorkerSnapshot worker) {
    api(pool).setPaused(worker.workerId(), true);
    LOG.info("pool {}: cordoned worker {} on pod {}", pool, worker.workerId(), worker.podName());
  }

  @Override
  public void uncordon(String pool, String workerId, String podName) {
    try {
      api(pool).setPaused(workerId, false);
    } catch (EngineApiException e) {
      if (e.status() != 404) {
        throw e;
      }
      LOG.debug("pool {}: worker {} is gone from the engine", pool, workerId);
    }
    try {
      setCost(PoolKeys.namespace(pool), podName, null);
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) {
        throw e;
      }
    }
    LOG.info("pool {}: uncordoned worker {} on pod {}", pool, workerId, podName);
  }

  /** Before a scale-down: gives each busy worker's pod a cost equal to its busy slots (idle: 0). */
  public void protectBusy(String pool, Iterable<WorkerSnapshot> workers) {
    for (WorkerSnapshot worker : workers) {
      if (!worker.idle() && !worker.paused() && !worker.podName().isEmpty()) {
        try {
          setCost(PoolKeys.namespace(pool), worker.podName(), worker.busySlots());
        } catch (KubernetesClientException e) {
          LOG.debug("pool {}: could not mark busy pod {}: {}", pool, worker.podName(),
              e.getMessage());
        }
      }
    }
  }

  /**
   * Before a scale-down held for unmatched workers: gives each ready pod whose worker cannot be matched the
   * cost of a fully busy worker ({@code slots}), so that should a pod become ready just before the
   * ReplicaSet acts, the one with unknown work is still not the first to go.
   */
  public void protectUnmatched(String pool, Iterable<String> pods, int slots) {
    for (String pod : pods) {
      try {
        setCost(PoolKeys.namespace(pool), pod, slots);
      } catch (KubernetesClientException e) {
        LOG.debug("pool {}: could not mark unmatched pod {}: {}", pool, pod, e.getMessage());
      }
    }
  }

  private EngineApi api(String pool) {
    return pollers.api(pool).orElseThrow(() -> new IllegalStateException(
        "pool " + pool + " has no engine client: it is not registered with the pollers"));
  }

  private void setCost(String namespace, String podName, Integer cost) {
    Pod pod = client.pods().inNamespace(namespace).withName(podName).get();
    if (pod == null) {
      throw new KubernetesClientException("pod " + namespace + "/" + podName + " not found", 404,
          null);
    }
    Map<String, String> annotations = pod.getMetadata().getAnnotations();
    String current = annotations == null ? null : annotations.get(DELETION_COST);
    String wanted = cost == null ? null : String.valueOf(cost);
    if (java.util.Objects.equals(current, wanted)) {
      return;
    }
    client.pods().inNamespace(namespace).withName(podName).edit(p -> {
      PodBuilder builder = new PodBuilder(p);
      if (wanted == null) {
        builder.editMetadata().removeFromAnnotations(DELETION_COST).endMetadata();
      } else {
        builder.editMetadata().addToAnnotations(DELETION_COST, wanted).endMetadata();
      }
      return builder.build();
    });
  }
}
