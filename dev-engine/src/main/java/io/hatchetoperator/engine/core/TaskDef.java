package io.hatchetoperator.engine.core;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One task of a registered workflow.
 *
 * @param id the step id sent as job_id/task_id in assigned actions
 * @param readableId the task's name inside its workflow (results are keyed by it)
 * @param action the action id workers register, {@code <workflow>:<task>}
 * @param timeout execution timeout, from assignment to result
 * @param scheduleTimeout how long it may wait in the queue before it fails
 * @param retries how many times a failure is retried
 * @param backoffFactor exponential backoff base in seconds; 0 retries at once
 * @param backoffMaxSeconds the cap of the backoff delay
 * @param parents readable ids of the tasks whose outputs it needs
 * @param slotRequests slot type to units held while it runs
 * @param labels desired worker labels (affinity); empty for any worker
 * @param concurrency its concurrency strategies, in chain order (a task runs once it holds a slot of each)
 * @param rateLimits the rate limits it takes units of when assigned
 * @param durable a durable task (is_durable): it keeps a durable event log across its invocations
 * @param conditions its wait_for / skip_if / cancel_if conditions; empty for none
 */
public record TaskDef(String id, String readableId, String action, Duration timeout, Duration scheduleTimeout, int retries,
    double backoffFactor, int backoffMaxSeconds, List<String> parents, Map<String, Integer> slotRequests,
    List<LabelRule> labels, List<ConcurrencySpec> concurrency, List<RateLimitSpec> rateLimits, boolean durable,
    List<TaskCondition> conditions) {

  public TaskDef {
    parents = List.copyOf(parents);
    slotRequests = Map.copyOf(slotRequests);
    labels = List.copyOf(labels);
    rateLimits = List.copyOf(rateLimits);
    concurrency = List.copyOf(concurrency);
    conditions = List.copyOf(conditions);
  }

  /** The delay before retry number {@code retryCount} (1-based), Hatchet's {@code min(factor^n, max)} seconds. */
  public Duration backoffBefore(int retryCount) {
    if (backoffFactor <= 0) {
      return Duration.ZERO;
    }
    double seconds = Math.pow(backoffFactor, retryCount);
    double cap = backoffMaxSeconds > 0 ? backoffMaxSeconds : 24 * 3600;
    return Duration.ofMillis((long) (Math.min(seconds, cap) * 1000));
  }
}
