package io.hatchetoperator.sandbox;

import io.hatchetoperator.sandbox.load.TaskSubmitter;
import io.hatchetoperator.worker.Hatchet;
import java.util.Map;

/**
 * Triggers a pool's task (by default the sample worker's {@code sleep}) with input {@code {"ms": duration}}
 * through the Java runtime's client, as any Hatchet client does.
 */
final class HatchetTaskSubmitter implements TaskSubmitter {

  static final String TASK = "sleep";
  private final Hatchet hatchet;
  private final String task;

  HatchetTaskSubmitter(Hatchet hatchet) {
    this(hatchet, TASK);
  }

  HatchetTaskSubmitter(Hatchet hatchet, String task) {
    this.hatchet = hatchet;
    this.task = task;
  }

  @Override
  public SubmittedRun submit(long durationMs) {
    String runId = hatchet.client().trigger(task, Map.of("ms", durationMs));
    return new SubmittedRun(runId, hatchet.client().result(runId));
  }
}
