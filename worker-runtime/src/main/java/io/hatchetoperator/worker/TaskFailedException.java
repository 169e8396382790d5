package io.hatchetoperator.worker;

import java.util.List;

/**
 * A run failed because a task failed (after its retries): {@link #errorType()}, {@link #errorMessage()} and
 * {@link #attempt()} are those of the first failed task; every failed task is in {@link #failures()}.
 */
public final class TaskFailedException extends RunFailedException {

  public TaskFailedException(String runId, List<TaskFailure> failures) {
    super(message(runId, failures), runId, failures);
    if (failures.isEmpty()) {
      throw new IllegalArgumentException("a failed run names at least one failed task");
    }
  }

  /** The first failed task's name. */
  public String taskName() {
    return failures().get(0).taskName();
  }

  /** The exception type the task threw, e.g. {@code java.lang.IllegalStateException} (an SDK's own name for others). */
  public String errorType() {
    return failures().get(0).type();
  }

  public String errorMessage() {
    return failures().get(0).message();
  }

  /** The attempt that failed last (0 = first), or -1 if the error does not say. */
  public int attempt() {
    return failures().get(0).attempt();
  }

  private static String message(String runId, List<TaskFailure> failures) {
    StringBuilder text = new StringBuilder("run ").append(runId).append(" failed:");
    for (TaskFailure f : failures) {
      text.append(" task '").append(f.taskName()).append("' ").append(f.type()).append(": ").append(f.message());
      if (f.attempt() >= 0) {
        text.append(" (attempt ").append(f.attempt()).append(')');
      }
      text.append(';');
    }
    return text.substring(0, text.length() - 1);
  }
}
