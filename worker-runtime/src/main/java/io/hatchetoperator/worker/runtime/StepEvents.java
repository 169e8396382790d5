package io.hatchetoperator.worker.runtime;

import com.google.protobuf.Timestamp;
import io.hatchetoperator.proto.dispatcher.AssignedAction;
import io.hatchetoperator.proto.dispatcher.StepActionEvent;
import io.hatchetoperator.proto.dispatcher.StepActionEventType;
import java.time.Instant;

/** Builds the {@code StepActionEvent} of an assignment with every field Hatchet's SDKs send. Pure but for the clock. */
final class StepEvents {
  private StepEvents() {}

  static StepActionEvent of(AssignedAction action, String workerId, StepActionEventType type,
      String payload, boolean noRetry) {
    Instant now = Instant.now();
    StepActionEvent.Builder event = StepActionEvent.newBuilder()
        .setWorkerId(workerId)
        .setJobId(action.getJobId())
        .setJobRunId(action.getJobRunId())
        .setTaskId(action.getTaskId())
        .setTaskRunExternalId(action.getTaskRunExternalId())
        .setActionId(action.getActionId())
        .setEventTimestamp(Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()))
        .setEventType(type)
        .setEventPayload(payload)
        .setRetryCount(action.getRetryCount());
    if (type == StepActionEventType.STEP_EVENT_TYPE_FAILED) {
      event.setShouldNotRetry(noRetry);
    }
    return event.build();
  }
}
