package io.hatchetoperator.worker;

/** The engine could not be reached or did not answer in time; retrying later may succeed. */
public final class EngineUnavailableException extends HatchetException {

  public EngineUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
