package io.hatchetoperator.worker;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run ended without success: {@link TaskFailedException} when a task failed, {@link RunCancelledException}
 * when it was cancelled. {@link #failures()} holds each failed task's parsed error, {@link #errors()} its raw text.
 */
public abstract sealed class RunFailedException extends HatchetException
    permits TaskFailedException, RunCancelledException {
  private final String runId;
  private final transient List<TaskFailure> failures;

  RunFailedException(String message, String runId, List<TaskFailure> failures) {
    super(message, null);
    this.runId = runId;
    this.failures = List.copyOf(failures);
  }

  public String runId() {
    return runId;
  }

  /** The failed tasks' errors, parsed (type, message, attempt). */
  public List<TaskFailure> failures() {
    return failures;
  }

  /** The raw error text per task name, as the engine sent it. */
  public Map<String, String> errors() {
    Map<String, String> errors = new LinkedHashMap<>();
    failures.forEach(f -> errors.put(f.taskName(), f.text()));
    return errors;
  }
}
