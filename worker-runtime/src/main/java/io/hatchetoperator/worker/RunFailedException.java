package io.hatchetoperator.worker;

import java.util.Map;

/** A run finished with failed or cancelled tasks; {@link #errors()} holds the error text per task name. */
public class RunFailedException extends RuntimeException {
  private final String runId;
  private final transient Map<String, String> errors;

  public RunFailedException(String runId, Map<String, String> errors) {
    super("run " + runId + " failed: " + errors);
    this.runId = runId;
    this.errors = Map.copyOf(errors);
  }

  public String runId() {
    return runId;
  }

  public Map<String, String> errors() {
    return errors;
  }
}
