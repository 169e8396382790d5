package io.hatchetoperator.operator.autoscaling;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.hatchetoperator.autoscaler.WorkerSnapshot;
import io.hatchetoperator.autoscaler.orchestrator.ScalingRealizer;
import io.hatchetoperator.operator.engine.EngineApi;
import io.hatchetoperator.operator.engine.EngineApiException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ScalingRealizer} for Kubernetes and Hatchet. Replica counts are handed to the reconciler (the
 * one writer of {@code status.desiredReplicas}); a cordon pauses the worker in the engine, then gives its
 * pod the lowest {@code controller.kubernetes.io/pod-deletion-cost} so the ReplicaSet removes it first;
 * an uncordon undoes both. Busy pods get a cost above idle ones before a scale-down.
 */
public final class KubernetesScalingRealizer implements ScalingRealizer {

  /** The annotation the ReplicaSet controller orders victims by (lowest first). */
  public static final String DELETION_COST = "controller.kubernetes.io/pod-deletion-cost";
  /** The cost of a cordoned pod: below every other pod of the pool. */
  public static final int CORDONED_COST = -1000;

  private static final Logger LOG = LoggerFactory.getLogger(KubernetesScalingRealizer.class);

  private final KubernetesClient client;
  private final EnginePollers pollers;
  private final Map<String, Integer> decided = new ConcurrentHashMap<>();

  /** A realizer that pauses workers through {@code pollers}' clients and patches pods. */
  public KubernetesScalingRealizer(KubernetesClient client, EnginePollers pollers) {
    this.client = client;
    this.pollers = pollers;
  }

  @Override
  public void setReplicas(String pool, int replicas) {
    decided.put(pool, replicas);
  }

  /** The replica count set by the last tick of {@code pool}, once; empty when it set none. */
  public Optional<Integer> takeReplicas(String pool) {
    return Optional.ofNullable(decided.remove(pool));
  }

  @Override
  public void cordon(String pool, WorkerSnapshot worker) {
    EngineApi api = api(pool);
    api.setPaused(worker.workerId(), true);
    try {
      setCost(PoolKeys.namespace(pool), worker.podName(), CORDONED_COST);
    } catch (RuntimeException e) {
      unpauseQuietly(pool, api, worker.workerId());
      throw e;
    }
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

  private static void unpauseQuietly(String pool, EngineApi api, String workerId) {
    try {
      api.setPaused(workerId, false);
    } catch (RuntimeException e) {
      LOG.warn("pool {}: could not unpause worker {} after a failed cordon: {}", pool, workerId,
          e.getMessage());
    }
  }
}
