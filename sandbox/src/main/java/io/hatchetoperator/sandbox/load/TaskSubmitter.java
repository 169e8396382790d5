package io.hatchetoperator.sandbox.load;

import java.util.concurrent.CompletableFuture;

/**
 * Triggers one run of the sample worker's {@code sleep} task. Called from the load generator's submit
 * threads, several at once.
 */
@FunctionalInterface
public interface TaskSubmitter {

  /** Triggers a run sleeping {@code durationMs}; the run id is known once this returns. */
  SubmittedRun submit(long durationMs) throws Exception;

  /** A triggered run: its engine id and its result (fails when the run failed). */
  record SubmittedRun(String runId, CompletableFuture<?> result) {}
}
