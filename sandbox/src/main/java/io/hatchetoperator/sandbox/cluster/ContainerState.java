package io.hatchetoperator.sandbox.cluster;

/**
 * What the kubelet reports of a pod's container: running or waiting (with the reason, as in
 * {@code containerStatuses[].state.waiting}), ready, how often it restarted, and how its last run ended.
 *
 * @param running the container's process runs
 * @param ready it runs and its readiness probe (if any) passes
 * @param restarts restarts so far (exits and liveness failures)
 * @param waitingReason why it is not running, e.g. {@code CrashLoopBackOff}; null while running
 * @param waitingMessage the detail of {@code waitingReason}; null while running
 * @param lastExit how the previous run ended; null before any ended
 */
public record ContainerState(boolean running, boolean ready, int restarts, String waitingReason,
    String waitingMessage, Termination lastExit) {

  /** A container that runs and is ready, never restarted: an in-process worker once it listens. */
  public static final ContainerState READY = new ContainerState(true, true, 0, null, null, null);

  /** How one run of a container ended ({@code lastState.terminated}). */
  public record Termination(int exitCode, String reason, String message) {}
}
