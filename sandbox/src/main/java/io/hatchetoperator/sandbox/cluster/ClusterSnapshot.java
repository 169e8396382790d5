package io.hatchetoperator.sandbox.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;

/**
 * What the simulated cluster's pods are doing right now, summed over all Deployments: pods starting, ready
 * and draining; busy slots of ready and draining pods and the slots of ready pods; tasks killed at the end of
 * a grace period so far; and the pods' lifetimes so far in ms (pod-seconds × 1000).
 */
public record ClusterSnapshot(int starting, int ready, int draining, int busySlots, int totalSlots,
    long tasksKilled, long podMillis) {

  static ClusterSnapshot of(Collection<SimulatedPod> pods, long tasksKilled, long podMillisOfGonePods,
      Instant now) {
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
    }
    return new ClusterSnapshot(starting, ready, draining, busy, total, tasksKilled, podMillis);
  }
}
