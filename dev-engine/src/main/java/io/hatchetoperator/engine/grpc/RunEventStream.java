package io.hatchetoperator.engine.grpc;

import io.grpc.stub.ServerCallStreamObserver;
import io.hatchetoperator.engine.core.RunObserver;
import io.hatchetoperator.engine.core.TaskRun;
import io.hatchetoperator.engine.core.TaskState;
import io.hatchetoperator.engine.core.WorkflowRun;
import io.hatchetoperator.proto.dispatcher.ResourceEventType;
import io.hatchetoperator.proto.dispatcher.ResourceType;
import io.hatchetoperator.proto.dispatcher.WorkflowEvent;

/** A SubscribeToWorkflowEvents stream for one run: task events as they happen, then the run's end with hangup. */
final class RunEventStream implements RunObserver {

  private final ServerCallStreamObserver<WorkflowEvent> out;
  private final String runId;
  private long index;
  private boolean done;

  RunEventStream(ServerCallStreamObserver<WorkflowEvent> out, String runId) {
    this.out = out;
    this.runId = runId;
  }

  @Override
  public synchronized void taskEvent(TaskRun task, String kind, String payload) {
    ResourceEventType type = switch (kind) {
      case "STARTED" -> ResourceEventType.RESOURCE_EVENT_TYPE_STARTED;
      case "COMPLETED" -> ResourceEventType.RESOURCE_EVENT_TYPE_COMPLETED;
      case "FAILED" -> ResourceEventType.RESOURCE_EVENT_TYPE_FAILED;
      case "CANCELLED" -> ResourceEventType.RESOURCE_EVENT_TYPE_CANCELLED;
      case "TIMED_OUT" -> ResourceEventType.RESOURCE_EVENT_TYPE_TIMED_OUT;
      default -> ResourceEventType.RESOURCE_EVENT_TYPE_STREAM;
    };
    send(WorkflowEvent.newBuilder().setWorkflowRunId(runId).setResourceType(ResourceType.RESOURCE_TYPE_STEP_RUN)
        .setEventType(type).setResourceId(task.externalId())
        .setEventTimestamp(GrpcDispatcher.timestamp(System.currentTimeMillis()))
        .setEventPayload(payload == null ? "" : payload).setTaskRetries(task.def().retries())
        .setRetryCount(task.retryCount()).setEventIndex(index++).build());
  }

  @Override
  public synchronized void runFinished(WorkflowRun run) {
    TaskState status = run.status();
    ResourceEventType type = status == TaskState.COMPLETED ? ResourceEventType.RESOURCE_EVENT_TYPE_COMPLETED
        : status == TaskState.FAILED ? ResourceEventType.RESOURCE_EVENT_TYPE_FAILED
        : ResourceEventType.RESOURCE_EVENT_TYPE_CANCELLED;
    send(WorkflowEvent.newBuilder().setWorkflowRunId(runId).setResourceType(ResourceType.RESOURCE_TYPE_WORKFLOW_RUN)
        .setEventType(type).setResourceId(runId).setHangup(true)
        .setEventTimestamp(GrpcDispatcher.timestamp(System.currentTimeMillis())).setEventIndex(index++).build());
    if (!done && !out.isCancelled()) {
      done = true;
      out.onCompleted();
    }
  }

  private void send(WorkflowEvent e) {
    if (!done && !out.isCancelled()) {
      out.onNext(e);
    }
  }
}
