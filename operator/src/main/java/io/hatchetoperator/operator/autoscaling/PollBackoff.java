package io.hatchetoperator.operator.autoscaling;

import java.time.Duration;
import java.time.Instant;

/**
 * Exponential backoff of one tenant's polls after retryable failures (429, 5xx, timeouts): the wait
 * doubles from {@code initial} up to {@code max}, never shorter than the server's Retry-After, and
 * resets on the first success. Written by one poll at a time, read by the scheduler thread.
 */
final class PollBackoff {

  private final Duration initial;
  private final Duration max;
  private volatile int failures;
  private volatile Instant notBefore = Instant.MIN;

  PollBackoff(Duration initial, Duration max) {
    this.initial = initial;
    this.max = max;
  }

  /** Records a failure at {@code now}; returns the wait before the next poll. */
  Duration failed(Instant now, Duration retryAfter) {
    failures++;
    long factor = 1L << Math.min(failures - 1, 20);
    Duration wait = initial.multipliedBy(factor);
    if (wait.compareTo(max) > 0) {
      wait = max;
    }
    if (retryAfter != null && retryAfter.compareTo(wait) > 0) {
      wait = retryAfter.compareTo(max.multipliedBy(5)) > 0 ? max.multipliedBy(5) : retryAfter;
    }
    notBefore = now.plus(wait);
    return wait;
  }

  /** Records a success: the next poll may run on schedule. */
  void succeeded() {
    failures = 0;
    notBefore = Instant.MIN;
  }

  /** True while polls must wait. */
  boolean holds(Instant now) {
    return now.isBefore(notBefore);
  }

  /** Consecutive failures so far. */
  int failures() {
    return failures;
  }
}
