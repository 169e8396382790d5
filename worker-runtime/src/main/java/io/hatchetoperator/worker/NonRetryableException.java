package io.hatchetoperator.worker;

/** Thrown by a task to fail its run without the engine retrying it ({@code should_not_retry}). */
public class NonRetryableException extends RuntimeException {
  public NonRetryableException(String message) {
    super(message);
  }

  public NonRetryableException(String message, Throwable cause) {
    super(message, cause);
  }
}
