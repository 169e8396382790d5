package io.hatchetoperator.engine.core;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The tenant's rate limits as Hatchet keeps them ({@code pkg/repository/sqlcv1/rate_limits.sql}): each key has a
 * limit, a value and a window; the value goes back to the limit once a window (less 10 ms) has passed since the last
 * refill ({@code get_refill_value}), and a task takes its units when it is assigned. Upserting a limit keeps the
 * current value unless the new limit is lower ({@code UpsertRateLimit}). Not thread-safe: used under the lock.
 */
final class RateLimits {

  /** Why a task cannot take its units now, and when to look again. */
  record Exceeded(String key, long units, long value, long retryAtMillis, boolean missing) {}

  private static final class Bucket {
    /** Created by a task's limit value (a dynamic key), not by PutRateLimit: forgotten once idle, made again on use. */
    boolean dynamic;
    long limit;
    long value;
    long windowMillis;
    long lastRefillMillis;
  }

  private final Map<String, Bucket> buckets = new HashMap<>();

  static long windowMillis(String window) {
    return switch (window) {
      case "SECOND" -> 1_000L;
      case "HOUR" -> Duration.ofHours(1).toMillis();
      case "DAY" -> Duration.ofDays(1).toMillis();
      case "WEEK" -> Duration.ofDays(7).toMillis();
      case "MONTH" -> Duration.ofDays(30).toMillis();
      case "YEAR" -> Duration.ofDays(365).toMillis();
      default -> 60_000L;
    };
  }

  void put(String key, long limit, String window, long now) {
    put(key, limit, window, now, false);
  }

  /** A limit value from a task's expression: creates or updates the key, marked as dynamic. */
  void putDynamic(String key, long limit, String window, long now) {
    put(key, limit, window, now, true);
  }

  /** Creates a dynamic key again if it was forgotten while idle (the task resolved its limit before that). */
  void ensureDynamic(String key, long limit, String window, long now) {
    if (!buckets.containsKey(key)) {
      put(key, limit, window, now, true);
    }
  }

  /**
   * Forgets dynamic keys whose window has passed since their last refill (they would read as full, so nothing is
   * lost): per-user keys do not pile up. Keys made by PutRateLimit stay.
   */
  void forgetIdle(long now) {
    buckets.values().removeIf(b -> b.dynamic && now - b.lastRefillMillis >= b.windowMillis);
  }

  int size() {
    return buckets.size();
  }

  private void put(String key, long limit, String window, long now, boolean dynamic) {
    Bucket b = buckets.get(key);
    if (b == null) {
      b = new Bucket();
      b.value = limit;
      b.lastRefillMillis = now;
      b.dynamic = dynamic;
      buckets.put(key, b);
    } else {
      b.dynamic &= dynamic;
      b.value = Math.min(b.value, limit);
    }
    b.limit = limit;
    b.windowMillis = windowMillis(window);
  }

  /** Takes every key's units when all are available; else leaves all untouched and says which key is short. */
  Exceeded use(Map<String, Long> units, long now) {
    for (Map.Entry<String, Long> e : units.entrySet()) {
      Bucket b = buckets.get(e.getKey());
      if (b == null) {
        return new Exceeded(e.getKey(), e.getValue(), 0, now + 1_000, true);
      }
      refill(b, now);
      if (b.value < e.getValue()) {
        return new Exceeded(e.getKey(), e.getValue(), b.value, b.lastRefillMillis + b.windowMillis - 10, false);
      }
    }
    units.forEach((k, u) -> buckets.get(k).value -= u);
    return null;
  }

  private static void refill(Bucket b, long now) {
    if (now - b.lastRefillMillis >= b.windowMillis - 10) {
      b.value = b.limit;
      b.lastRefillMillis = now;
    }
  }

  /** PutRateLimit's checks: a key and a limit of 0 or more. */
  static void check(String key, int limit) {
    if (key.isBlank()) {
      throw EngineException.invalid("key is required; name the rate limit the tasks' rate_limits refer to");
    }
    if (limit < 0) {
      throw EngineException.invalid("limit = " + limit + " for rate limit '" + key + "' is negative; use 0 or more");
    }
  }
}
