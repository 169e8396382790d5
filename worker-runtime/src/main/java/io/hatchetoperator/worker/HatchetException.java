package io.hatchetoperator.worker;

/**
 * Every failure the SDK reports to callers: a run that failed or was cancelled, an engine that cannot be
 * reached, or a request the engine refused. Never carries gRPC types, so callers match on these classes only.
 */
public abstract sealed class HatchetException extends RuntimeException
    permits RunFailedException, EngineUnavailableException, EngineRejectedException {

  HatchetException(String message, Throwable cause) {
    super(message, cause);
  }
}
