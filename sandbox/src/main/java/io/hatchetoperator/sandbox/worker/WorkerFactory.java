package io.hatchetoperator.sandbox.worker;

import io.hatchetoperator.worker.Hatchet;
import io.hatchetoperator.worker.Worker;

/** Builds the worker a pod runs, from the pod's Hatchet client and its slots; the sample worker in the sandbox. */
@FunctionalInterface
public interface WorkerFactory {

  /** A new, not yet started worker. */
  Worker create(Hatchet hatchet, int slots);
}
