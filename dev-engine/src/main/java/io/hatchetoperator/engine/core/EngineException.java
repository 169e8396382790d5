package io.hatchetoperator.engine.core;

/** A rejected request: what kind of failure it is and a message naming the field, the value and the fix. */
public final class EngineException extends RuntimeException {

  /** The failure kinds the adapters map to gRPC status codes and HTTP statuses. */
  public enum Kind { INVALID_ARGUMENT, NOT_FOUND, FAILED_PRECONDITION, RESOURCE_EXHAUSTED, UNAUTHENTICATED, UNAVAILABLE }

  private final Kind kind;

  public EngineException(Kind kind, String message) {
    super(message, null, false, false);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }

  public static EngineException invalid(String message) {
    return new EngineException(Kind.INVALID_ARGUMENT, message);
  }

  public static EngineException notFound(String message) {
    return new EngineException(Kind.NOT_FOUND, message);
  }

  public static EngineException precondition(String message) {
    return new EngineException(Kind.FAILED_PRECONDITION, message);
  }
}
