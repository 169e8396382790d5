package io.hatchetoperator.sandbox;

import io.hatchetoperator.sandbox.load.TaskSubmitter;
import io.hatchetoperator.worker.Hatchet;
import java.util.Map;

/** Triggers the sample worker's {@code sleep} task through the Java runtime's client, as any Hatchet client does. */
final class HatchetTaskSubmitter implements TaskSubmitter {

  static final String TASK = "sleep";
  private final Hatchet hatchet;

  HatchetTaskSubmitter(Hatchet hatchet) {
    this.hatchet = hatchet;
  }

  @Override
  public SubmittedRun submit(long durationMs) {
    String runId = hatchet.client().trigger(TASK, Map.of("ms", durationMs));
    return new SubmittedRun(runId, hatchet.client().result(runId));
  }
}
