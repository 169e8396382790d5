package io.hatchetoperator.worker.runtime;

import io.grpc.Status;
import io.hatchetoperator.proto.dispatcher.StepActionEvent;
import io.hatchetoperator.proto.dispatcher.StepActionEventType;

/**
 * What an engine's answer means for the runtime, one place for every status code. Pure.
 * UNAVAILABLE and DEADLINE_EXCEEDED mean the engine is down or unreachable: wait it out.
 * UNAUTHENTICATED and PERMISSION_DENIED cannot be fixed by retrying: the token is wrong or revoked.
 * INVALID_ARGUMENT means the request itself is wrong. RESOURCE_EXHAUSTED on a COMPLETED is an output
 * over the engine's gRPC message limit. Any other code is retried a bounded number of times.
 */
final class EventFailure {
  /** What to do with an event after an answer. */
  enum Verdict { DELIVERED, RETRY, OUTAGE, REPLACE, DROP, FATAL, OVERTAKEN }

  private EventFailure() {}

  static Verdict classify(StepActionEvent event, Status status) {
    return switch (status.getCode()) {
      case OK -> Verdict.DELIVERED;
      case UNAVAILABLE, DEADLINE_EXCEEDED -> Verdict.OUTAGE;
      case UNAUTHENTICATED, PERMISSION_DENIED -> Verdict.FATAL;
      case INVALID_ARGUMENT -> Verdict.DROP;
      case RESOURCE_EXHAUSTED -> event.getEventType() == StepActionEventType.STEP_EVENT_TYPE_COMPLETED
          ? Verdict.REPLACE : Verdict.RETRY;
      default -> Verdict.RETRY;
    };
  }

  /** Whether a code on any engine call means the worker's credentials are refused for good. */
  static boolean isFatal(Status.Code code) {
    return code == Status.Code.UNAUTHENTICATED || code == Status.Code.PERMISSION_DENIED;
  }

  /** The non-retryable FAILED that replaces a COMPLETED the engine refused as too large. */
  static StepActionEvent oversized(StepActionEvent completed) {
    int bytes = completed.getEventPayload().length();
    return completed.toBuilder().setEventType(StepActionEventType.STEP_EVENT_TYPE_FAILED)
        .setEventPayload("output of the task is about " + bytes + " bytes and the engine refused it as too "
            + "large (RESOURCE_EXHAUSTED, its gRPC message limit is 4194304 bytes by default): return a "
            + "smaller output, e.g. store the data elsewhere and return a reference")
        .setShouldNotRetry(true).build();
  }

  /** The message a worker stops with when the engine refuses its credentials. */
  static String fatalMessage(String doing, Status status) {
    return doing + " failed with " + status.getCode()
        + (status.getDescription() == null ? "" : " (" + status.getDescription() + ")")
        + ": the engine refuses this worker's token; set HATCHET_CLIENT_TOKEN to a valid API token of "
        + "this tenant (Hatchet dashboard > Settings > API Tokens) and restart the worker";
  }
}
