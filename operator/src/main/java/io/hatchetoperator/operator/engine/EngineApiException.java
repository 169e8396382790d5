package io.hatchetoperator.operator.engine;

import java.time.Duration;
import java.util.Optional;

/**
 * A failed call to the engine's REST API: what kind of failure, which endpoint, and what to do.
 *
 * <p>Messages name the endpoint (method and path, never the token) and say how to fix the problem.
 */
public final class EngineApiException extends RuntimeException {

  /** What went wrong; {@link #retryable()} says whether backing off and trying again can help. */
  public enum Kind {
    /** 401 or 403: the token is invalid, revoked, expired, or for another engine. */
    TOKEN_REJECTED(false),
    /** 429: the engine rate-limits this client. */
    RATE_LIMITED(true),
    /** 5xx: the engine failed. */
    SERVER_ERROR(true),
    /** No answer within the request timeout. */
    TIMEOUT(true),
    /** The connection failed (DNS, refused, TLS). */
    UNREACHABLE(true),
    /** A 2xx answer whose body is not the JSON the endpoint documents. */
    MALFORMED_RESPONSE(true),
    /** Any other 4xx, e.g. 404 for a worker that is gone. */
    REJECTED(false);

    private final boolean retryable;

    Kind(boolean retryable) {
      this.retryable = retryable;
    }

    /** Whether the same call may succeed later without any change by the user. */
    public boolean retryable() {
      return retryable;
    }
  }

  private final Kind kind;
  private final String endpoint;
  private final int status;
  private final Duration retryAfter;

  EngineApiException(Kind kind, String endpoint, int status, Duration retryAfter, String message,
      Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.endpoint = endpoint;
    this.status = status;
    this.retryAfter = retryAfter;
  }

  /** The failure kind. */
  public Kind kind() {
    return kind;
  }

  /** The endpoint, e.g. {@code GET http://hatchet:8080/api/v1/tenants/t/worker}. */
  public String endpoint() {
    return endpoint;
  }

  /** The HTTP status, or 0 when no response arrived. */
  public int status() {
    return status;
  }

  /** The server's {@code Retry-After}, when it sent one. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
