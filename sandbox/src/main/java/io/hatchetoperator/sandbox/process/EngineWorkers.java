package io.hatchetoperator.sandbox.process;

/** What the engine knows of one registered worker, by id; unknown ids count as idle with no slots. */
public interface EngineWorkers {

  /** Tasks the engine has assigned to the worker and not yet seen finish. */
  int runningTasks(String workerId);

  /** The worker's slots as it registered them (its default slot pool). */
  int slots(String workerId);
}
