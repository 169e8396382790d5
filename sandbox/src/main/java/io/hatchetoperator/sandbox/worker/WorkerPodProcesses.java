package io.hatchetoperator.sandbox.worker;

import io.hatchetoperator.sandbox.cluster.PodLaunch;
import io.hatchetoperator.sandbox.cluster.PodProcess;
import io.hatchetoperator.sandbox.cluster.PodProcessFactory;
import io.hatchetoperator.sandbox.cluster.PodStartException;
import io.hatchetoperator.worker.Hatchet;
import io.hatchetoperator.worker.client.EngineChannels;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Starts one real Java worker per simulated pod, configured only by the pod's resolved environment (as in
 * a cluster), with two sandbox differences: the health server takes any free port (pods share one host
 * here), and the worker's channel carries the {@link CompletionTap}.
 */
public final class WorkerPodProcesses implements PodProcessFactory {

  /** The variable the operator sets to the pool's slots per worker. */
  public static final String SLOTS = "HATCHET_WORKER_SLOTS";
  /** The variable the operator sets to the pool's worker name. */
  public static final String NAME = "HATCHET_WORKER_NAME";
  private final WorkerFactory workers;
  private final CompletionTap tap;

  /** Pods run workers made by {@code workers}; their completions go through {@code tap}. */
  public WorkerPodProcesses(WorkerFactory workers, CompletionTap tap) {
    this.workers = workers;
    this.tap = tap;
  }

  @Override
  public PodProcess create(PodLaunch launch) {
    Map<String, String> env = new LinkedHashMap<>(launch.env());
    env.put("HATCHET_WORKER_HEALTH_PORT", "0");
    String slots = env.get(SLOTS);
    int n;
    try {
      n = Integer.parseInt(slots == null ? "" : slots.trim());
    } catch (NumberFormatException e) {
      throw new PodStartException("pod " + launch.podName() + ": " + SLOTS + " is '" + slots + "', not a whole "
          + "number; the operator sets it from spec.slots, or set it in the pool's template env");
    }
    return new WorkerPodProcess(() -> Hatchet.builder().env(env)
        .channelFactory(settings -> new TappedChannel(EngineChannels.open(settings), tap)).build(), workers,
        env.getOrDefault(NAME, launch.deployment()), n);
  }
}
