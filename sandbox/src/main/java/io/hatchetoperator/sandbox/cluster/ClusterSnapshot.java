package io.hatchetoperator.sandbox.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.function.Function;

/**
 * What the simulated cluster's pods are doing right now, summed over all Deployments: pods starting, ready
 * and draining; busy slots of ready and draining pods and the slots of ready pods; tasks killed at the end of
 * a grace period so far; the pods' lifetimes so far in ms (pod-seconds × 1000); and {@code outdated}, the pods
 * (starting, ready or draining) of an older pod template than their Deployment's: non-zero during a rollout.
 */
public record ClusterSnapshot(int starting, int ready, int draining, int busySlots, int totalSlots,
    long tasksKilled, long podMillis, int outdated) {

  static ClusterSnapshot of(Collection<SimulatedPod> pods, Function<String, String> currentHash, long tasksKilled,
      long podMillisOfGonePods, Instant now) {
    int outdated = 0;
    int starting = 0;
    int ready = 0;
    int draining = 0;
    int busy = 0;
    int total = 0;
    long podMillis = podMillisOfGonePods;
    for (SimulatedPod pod : pods) {
      SimulatedPod.Phase phase = pod.phase;
      if (phase == SimulatedPod.Phase.GONE) {
        continue;
      }
      switch (phase) {
        case STARTING -> starting++;
        case READY -> ready++;
        default -> draining++;
      }
      PodProcess process = pod.process;
      if (process != null && phase != SimulatedPod.Phase.STARTING) {
        busy += process.runningTasks();
        total += phase == SimulatedPod.Phase.READY ? process.slots() : 0;
      }
      podMillis += Duration.between(pod.createdAt, now).toMillis();
      String current = currentHash.apply(pod.namespace + "/" + pod.deployment);
      if (current != null && !current.equals(pod.templateHash)) {
        outdated++;
      }
    }
    return new ClusterSnapshot(starting, ready, draining, busy, total, tasksKilled, podMillis, outdated);
  }
}
