package io.hatchetoperator.engine.grpc;

import io.grpc.stub.ServerCallStreamObserver;
import io.hatchetoperator.engine.core.ActionSink;
import io.hatchetoperator.engine.core.TaskRun;
import io.hatchetoperator.engine.core.TriggerRequest;
import io.hatchetoperator.engine.core.WorkflowRun;
import io.hatchetoperator.proto.dispatcher.ActionType;
import io.hatchetoperator.proto.dispatcher.AssignedAction;

/** A worker's ListenV2/Listen stream as the scheduler's {@link ActionSink}: tasks become {@link AssignedAction}s. */
final class GrpcActionSink implements ActionSink {

  private final ServerCallStreamObserver<AssignedAction> stream;
  private final String tenantId;
  private boolean closed;

  GrpcActionSink(ServerCallStreamObserver<AssignedAction> stream, String tenantId) {
    this.stream = stream;
    this.tenantId = tenantId;
  }

  @Override
  public synchronized void start(TaskRun task) {
    send(action(task, ActionType.START_STEP_RUN).setActionPayload(payload(task)).build());
  }

  @Override
  public synchronized void cancel(TaskRun task) {
    send(action(task, ActionType.CANCEL_STEP_RUN).build());
  }

  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      stream.onCompleted();
    }
  }

  private void send(AssignedAction a) {
    if (!closed && !stream.isCancelled()) {
      stream.onNext(a);
    }
  }

  private AssignedAction.Builder action(TaskRun task, ActionType type) {
    WorkflowRun run = task.run();
    TriggerRequest r = run.request();
    AssignedAction.Builder b = AssignedAction.newBuilder()
        .setTenantId(tenantId)
        .setWorkflowRunId(run.id())
        .setJobId(task.def().id())
        .setJobName(task.def().readableId())
        .setJobRunId(task.externalId())
        .setTaskId(task.def().id())
        .setTaskRunExternalId(task.externalId())
        .setActionId(task.def().action())
        .setActionType(type)
        .setTaskName(task.def().readableId())
        .setRetryCount(task.retryCount())
        .setAdditionalMetadata(r.metadataJson())
        .setPriority(run.priority())
        .setWorkflowId(run.workflow().id())
        .setWorkflowVersionId(run.workflow().versionId());
    if (r.parentTaskId() != null) {
      b.setParentWorkflowRunId(r.parentTaskId());
    }
    if (r.childIndex() != null) {
      b.setChildWorkflowIndex(r.childIndex());
    }
    if (r.childKey() != null) {
      b.setChildWorkflowKey(r.childKey());
    }
    if (r.eventId() != null) {
      b.setTriggeringEventExternalId(r.eventId()).setTriggeringEventKey(r.eventKey());
    }
    if (task.durableInvocation() != null) {
      b.setDurableTaskInvocationCount(task.durableInvocation());
    }
    return b;
  }

  /**
   * Hatchet's START_STEP_RUN payload: the run input and the outputs of the task's parents, as JSON text; an
   * on-failure task also gets {@code step_run_errors} (failed task name to error).
   */
  static String payload(TaskRun task) {
    WorkflowRun run = task.run();
    StringBuilder sb = new StringBuilder(64 + run.request().inputJson().length());
    sb.append("{\"input\":").append(run.request().inputJson())
        .append(",\"triggered_by\":\"").append(run.request().eventId() == null ? "manual" : "event")
        .append("\",\"parents\":{");
    boolean first = true;
    for (String p : task.def().parents()) {
      TaskRun parent = run.tasks().get(p);
      sb.append(first ? "" : ",").append(io.hatchetoperator.engine.core.Json.quote(p)).append(':')
          .append(parent.output() == null ? "null" : parent.output());
      first = false;
    }
    String filterPayload = run.request().filterPayload();
    String conditions = task.triggers() == null || task.triggers().equals("{}") ? null : task.triggers();
    sb.append("},\"triggers\":").append(conditions == null ? "{" : conditions.substring(0, conditions.length() - 1))
        .append(filterPayload == null ? "" : (conditions == null ? "" : ",") + "\"filter_payload\":" + filterPayload)
        .append('}')
        .append(",\"user_data\":{},\"overrides\":{}");
    if (task.def() == run.workflow().onFailure()) {
      sb.append(",\"step_run_errors\":{");
      first = true;
      for (TaskRun t : run.tasks().values()) {
        if (t.state() == io.hatchetoperator.engine.core.TaskState.FAILED) {
          sb.append(first ? "" : ",").append(io.hatchetoperator.engine.core.Json.quote(t.def().readableId())).append(':')
              .append(io.hatchetoperator.engine.core.Json.quote(t.error()));
          first = false;
        }
      }
      sb.append('}');
    }
    return sb.append('}').toString();
  }
}
