package io.hatchetoperator.sandbox.cluster;

import java.time.Instant;

/** The simulator's own record of one pod it created: where it is in its life, and its process. */
final class SimulatedPod {

  /** Where a pod is in its life. */
  enum Phase { STARTING, READY, DRAINING, GONE }

  final String namespace;
  final String name;
  final String deployment;
  final String templateHash;
  final Instant createdAt;
  volatile Phase phase = Phase.STARTING;
  volatile PodProcess process;
  volatile String startError;
  volatile ContainerState shown;

  SimulatedPod(String namespace, String name, String deployment, String templateHash, Instant createdAt) {
    this.namespace = namespace;
    this.name = name;
    this.deployment = deployment;
    this.templateHash = templateHash;
    this.createdAt = createdAt;
  }

  boolean live() {
    return phase == Phase.STARTING || phase == Phase.READY;
  }

  int runningTasks() {
    PodProcess p = process;
    return p == null ? 0 : p.runningTasks();
  }

  String key() {
    return namespace + "/" + name;
  }
}
