package io.hatchetoperator.operator.autoscaling;

import io.hatchetoperator.operator.engine.EngineApiException;

/**
 * Why a tenant's poll failed, as a condition reason and a message that names the fix.
 *
 * @param reason a CamelCase reason for the {@code MetricsAvailable} condition, e.g. TokenRejected
 * @param message what failed and what to do (never the token)
 */
public record PollFailure(String reason, String message) {

  /** From an engine client failure. */
  public static PollFailure of(EngineApiException e) {
    String reason = switch (e.kind()) {
      case TOKEN_REJECTED -> "TokenRejected";
      case RATE_LIMITED -> "RateLimited";
      case SERVER_ERROR -> "EngineError";
      case TIMEOUT -> "EngineTimeout";
      case UNREACHABLE -> "EngineUnreachable";
      case MALFORMED_RESPONSE -> "MalformedResponse";
      case REJECTED -> "RequestRejected";
    };
    return new PollFailure(reason, e.getMessage());
  }

  /** From a bug or an unforeseen error: still reported, never fatal to the poller. */
  public static PollFailure unexpected(RuntimeException e) {
    return new PollFailure("PollError", "polling the engine failed unexpectedly: " + e
        + "; see the operator's log");
  }
}
