package io.hatchetoperator.worker;

/**
 * A task's use of a static rate limit: each run takes {@code units} of {@code key} when it is assigned. The key
 * must exist: create it with {@link io.hatchetoperator.worker.client.HatchetClient#putRateLimit}.
 */
public record RateLimit(String key, int units) {

  /** A window of a rate limit, as Hatchet's {@code RateLimitDuration}. */
  public enum Window { SECOND, MINUTE, HOUR, DAY, WEEK, MONTH, YEAR }

  public RateLimit {
    if (key == null || key.isBlank()) {
      throw new IllegalArgumentException("rate limit key is empty: name the limit, e.g. \"openai\"");
    }
    if (units < 1) {
      throw new IllegalArgumentException("rate limit '" + key + "' units=" + units + ": a task takes 1 or more");
    }
  }
}
