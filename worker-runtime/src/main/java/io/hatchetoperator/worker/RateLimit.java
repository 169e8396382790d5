package io.hatchetoperator.worker;

/**
 * A task's use of a rate limit: each run takes {@code units} when it is assigned. A static limit names an existing
 * key (create it with {@link io.hatchetoperator.worker.client.HatchetClient#putRateLimit}); a dynamic one computes
 * its key per run from a CEL {@code keyExpr} (e.g. {@code input.customer}) and creates it with {@code limit} units
 * per {@code window}, sent as the TypeScript SDK sends {@code dynamicKey} ({@code mapRateLimitPb} in
 * {@code v1/client/worker/workflow-proto.js}: the expression as key and key_expr, the limit as limit_values_expr).
 */
public record RateLimit(String key, int units, String keyExpr, Integer limit, Window window) {

  /** A window of a rate limit, as Hatchet's {@code RateLimitDuration}. */
  public enum Window { SECOND, MINUTE, HOUR, DAY, WEEK, MONTH, YEAR }

  public RateLimit {
    if (key == null || key.isBlank()) {
      throw new IllegalArgumentException("rate limit key is empty: name the limit, e.g. \"openai\"");
    }
    if (units < 1) {
      throw new IllegalArgumentException("rate limit '" + key + "' units=" + units + ": a task takes 1 or more");
    }
    if (keyExpr != null && (limit == null || limit < 1 || window == null)) {
      throw new IllegalArgumentException("dynamic rate limit '" + keyExpr + "' needs a limit of 1 or more and a "
          + "window (got limit=" + limit + ", window=" + window + "): use RateLimit.dynamic(expr, units, limit, window)");
    }
  }

  /** Takes {@code units} of the existing static limit {@code key}. */
  public RateLimit(String key, int units) {
    this(key, units, null, null, null);
  }

  /** One limit per value of {@code keyExpr}: {@code limit} units per {@code window}, each run taking {@code units}. */
  public static RateLimit dynamic(String keyExpr, int units, int limit, Window window) {
    return new RateLimit(keyExpr, units, keyExpr, limit, window);
  }
}
