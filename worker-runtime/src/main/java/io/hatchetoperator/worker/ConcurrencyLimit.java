package io.hatchetoperator.worker;

/**
 * A concurrency limit: at most {@code maxRuns} runs per value of the CEL {@code expression} (e.g.
 * {@code input.customer}); {@code strategy} says what happens to the others (Hatchet's
 * {@code ConcurrencyLimitStrategy} in {@code api-contracts/v1/workflows.proto}).
 */
public record ConcurrencyLimit(String expression, int maxRuns, Strategy strategy) {

  /** What happens to runs over the limit. */
  public enum Strategy {
    /** Wait, and start the waiting runs of all keys in turn. */
    GROUP_ROUND_ROBIN,
    /** Cancel the running ones to start the newest. */
    CANCEL_IN_PROGRESS,
    /** Cancel the newest. */
    CANCEL_NEWEST
  }

  public ConcurrencyLimit {
    if (expression == null || expression.isBlank()) {
      throw new IllegalArgumentException("concurrency expression is empty: give a CEL expression such as "
          + "input.customer");
    }
    if (maxRuns < 1) {
      throw new IllegalArgumentException("concurrency maxRuns=" + maxRuns + " for '" + expression
          + "': use 1 or more");
    }
    if (strategy == null) {
      throw new IllegalArgumentException("concurrency strategy is null for '" + expression
          + "': pick GROUP_ROUND_ROBIN, CANCEL_IN_PROGRESS or CANCEL_NEWEST");
    }
  }
}
