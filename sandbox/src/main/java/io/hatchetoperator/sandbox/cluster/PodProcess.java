package io.hatchetoperator.sandbox.cluster;

import java.util.concurrent.CompletableFuture;

/**
 * The container of one simulated pod: a worker process. The pod simulator calls every method from its
 * lifecycle threads, never from the reconcile thread, and never two lifecycle calls at once for one pod.
 */
public interface PodProcess {

  /** Starts the container; returns once it runs (the worker connected) or throws why it could not. */
  void start() throws Exception;

  /** SIGTERM: begins the graceful stop; the future completes when the process has exited by itself. */
  CompletableFuture<Void> shutdown();

  /** SIGKILL or a crash: stops at once, reports nothing. */
  void kill();

  /** Tasks running in the process right now. */
  int runningTasks();

  /** Task slots the process offers. */
  int slots();

  /**
   * The container as the kubelet reports it; the simulator polls it on every resync. An in-process worker
   * is running and ready once {@link #start()} returned.
   */
  default ContainerState state() {
    return ContainerState.READY;
  }
}
