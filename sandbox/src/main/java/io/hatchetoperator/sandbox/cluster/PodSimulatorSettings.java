package io.hatchetoperator.sandbox.cluster;

import java.time.Duration;

/**
 * Settings of the pod simulator.
 *
 * @param startupDelay time from a pod's creation to its container starting and turning ready (default 3 s)
 * @param resync how often every Deployment is reconciled even without events (default 500 ms)
 * @param startRetry how long a pod that could not start waits before the next try (default 2 s)
 * @param nodeName the node every pod is bound to (default {@code sandbox-node})
 */
public record PodSimulatorSettings(Duration startupDelay, Duration resync, Duration startRetry, String nodeName) {

  /** The defaults above. */
  public static PodSimulatorSettings defaults() {
    return new PodSimulatorSettings(Duration.ofSeconds(3), Duration.ofMillis(500), Duration.ofSeconds(2),
        "sandbox-node");
  }

  /** The same settings with another start-up delay. */
  public PodSimulatorSettings withStartupDelay(Duration delay) {
    return new PodSimulatorSettings(delay, resync, startRetry, nodeName);
  }
}
