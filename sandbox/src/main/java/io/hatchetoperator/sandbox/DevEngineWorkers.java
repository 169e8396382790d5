package io.hatchetoperator.sandbox;

import io.hatchetoperator.engine.DevEngine;
import io.hatchetoperator.engine.core.WorkerView;
import io.hatchetoperator.sandbox.process.EngineWorkers;
import java.util.Map;

/** Reads a process pod's workers from the in-process dev engine (the sandbox's engine is in this JVM). */
final class DevEngineWorkers implements EngineWorkers {

  private final DevEngine engine;

  DevEngineWorkers(DevEngine engine) {
    this.engine = engine;
  }

  @Override
  public int runningTasks(String workerId) {
    WorkerView w = find(workerId);
    return w == null ? 0 : w.slots().size();
  }

  @Override
  public int slots(String workerId) {
    WorkerView w = find(workerId);
    if (w == null) {
      return 0;
    }
    Map<String, Integer> limits = w.slotLimits();
    return limits.getOrDefault("default", limits.values().stream().mapToInt(Integer::intValue).sum());
  }

  private WorkerView find(String workerId) {
    try {
      return engine.scheduler().worker("workerId", workerId);
    } catch (RuntimeException unknown) {
      return null;
    }
  }
}
