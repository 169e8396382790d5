package io.hatchetoperator.worker;

import java.util.List;

/** A run was cancelled (by a user, a concurrency strategy or a timeout) before it completed. */
public final class RunCancelledException extends RunFailedException {

  public RunCancelledException(String runId, List<TaskFailure> failures) {
    super("run " + runId + " was cancelled", runId, failures);
  }
}
