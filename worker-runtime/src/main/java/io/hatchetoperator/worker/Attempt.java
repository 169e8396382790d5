package io.hatchetoperator.worker;

/**
 * One attempt at a task run: the run's external id and the engine's retry count for this attempt.
 * Hatchet reuses the external id for every attempt (a user retry or a reassignment after a lost
 * worker) and raises {@code retry_count}; results are accepted only for the current attempt.
 *
 * @param taskRunExternalId the task run's id, the same for every attempt (use it as the idempotency
 *     key of side effects that must happen once per run)
 * @param retryCount 0 on the first attempt, one more for each retry or reassignment
 */
public record Attempt(String taskRunExternalId, int retryCount) {

  /** Whether this attempt came after {@code other} of the same run. */
  public boolean supersedes(Attempt other) {
    return taskRunExternalId.equals(other.taskRunExternalId) && retryCount > other.retryCount;
  }

  @Override
  public String toString() {
    return taskRunExternalId + "#" + retryCount;
  }
}
