package io.hatchetoperator.operator.autoscaling;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * The Kubernetes side of one pool at one tick, as the reconciler sees it.
 *
 * @param pool the pool key, {@code namespace/name}
 * @param poolLabel the value of the workers' preset label {@code hatchet-operator.io/pool}
 * @param tasks the pool's {@code spec.tasks}
 * @param slotsPerWorker {@code spec.slots}
 * @param currentReplicas the replica count in force ({@code status.desiredReplicas})
 * @param readyPods names of the pool's pods that are ready and not terminating
 * @param livePods names of all the pool's pods that are not terminating (ready or starting)
 * @param podCreated creation time of the live pods that have one (measures pod start-up)
 */
public record PoolView(String pool, String poolLabel, Set<String> tasks, int slotsPerWorker,
    int currentReplicas, Set<String> readyPods, Set<String> livePods, Map<String, Instant> podCreated) {

  /** Copies the collections. */
  public PoolView {
    tasks = Set.copyOf(tasks);
    readyPods = Set.copyOf(readyPods);
    livePods = Set.copyOf(livePods);
    podCreated = Map.copyOf(podCreated);
  }

  /** A view without pod creation times. */
  public PoolView(String pool, String poolLabel, Set<String> tasks, int slotsPerWorker,
      int currentReplicas, Set<String> readyPods, Set<String> livePods) {
    this(pool, poolLabel, tasks, slotsPerWorker, currentReplicas, readyPods, livePods, Map.of());
  }
}
