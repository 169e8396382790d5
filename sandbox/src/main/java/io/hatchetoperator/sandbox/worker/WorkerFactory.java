package io.hatchetoperator.sandbox.worker;

import io.hatchetoperator.worker.Hatchet;
import io.hatchetoperator.worker.Worker;

/** Builds the worker a pod runs from its Hatchet client, worker name and slots; the sample worker in the sandbox. */
@FunctionalInterface
public interface WorkerFactory {

  /** A new, not yet started worker. */
  Worker create(Hatchet hatchet, String name, int slots);
}
