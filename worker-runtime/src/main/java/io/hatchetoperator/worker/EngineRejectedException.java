package io.hatchetoperator.worker;

/**
 * The engine refused a request: {@link #reason()} is its status name ({@code INVALID_ARGUMENT},
 * {@code NOT_FOUND}, {@code UNAUTHENTICATED}, ...) and the message is the engine's explanation.
 */
public final class EngineRejectedException extends HatchetException {
  private final String reason;

  public EngineRejectedException(String reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public String reason() {
    return reason;
  }
}
