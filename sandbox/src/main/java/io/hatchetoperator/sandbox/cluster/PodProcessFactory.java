package io.hatchetoperator.sandbox.cluster;

/** Creates the process of a pod about to start; called from the pod simulator's lifecycle threads. */
@FunctionalInterface
public interface PodProcessFactory {

  /** A new, not yet started process for {@code launch}. */
  PodProcess create(PodLaunch launch);
}
