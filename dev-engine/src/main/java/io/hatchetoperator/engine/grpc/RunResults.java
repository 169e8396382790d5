package io.hatchetoperator.engine.grpc;

import io.hatchetoperator.engine.core.TaskRun;
import io.hatchetoperator.engine.core.TaskState;
import io.hatchetoperator.engine.core.WorkflowRun;
import io.hatchetoperator.proto.dispatcher.StepRunResult;
import io.hatchetoperator.proto.dispatcher.WorkflowRunEvent;
import io.hatchetoperator.proto.dispatcher.WorkflowRunEventType;

/** Builds the FINISHED {@link WorkflowRunEvent} of a run: one result per task that ran, keyed by its readable id. */
final class RunResults {

  private RunResults() {}

  static WorkflowRunEvent finished(WorkflowRun run, long nowMillis) {
    WorkflowRunEvent.Builder b = WorkflowRunEvent.newBuilder().setWorkflowRunId(run.id())
        .setEventType(WorkflowRunEventType.WORKFLOW_RUN_EVENT_TYPE_FINISHED)
        .setEventTimestamp(GrpcDispatcher.timestamp(nowMillis));
    for (TaskRun t : run.tasks().values()) {
      StepRunResult.Builder r = StepRunResult.newBuilder().setTaskRunExternalId(t.externalId())
          .setTaskName(t.def().readableId()).setJobRunId(t.externalId());
      if (t.state() == TaskState.COMPLETED) {
        r.setOutput(t.output());
      } else {
        r.setError(t.error() == null ? "task " + t.state() : t.error());
      }
      b.addResults(r);
    }
    return b.build();
  }

  /** A FINISHED event carrying an error, for a run id the engine cannot answer for (so clients do not hang). */
  static WorkflowRunEvent unknown(String runId, String message, long nowMillis) {
    return WorkflowRunEvent.newBuilder().setWorkflowRunId(runId)
        .setEventType(WorkflowRunEventType.WORKFLOW_RUN_EVENT_TYPE_FINISHED)
        .setEventTimestamp(GrpcDispatcher.timestamp(nowMillis))
        .addResults(StepRunResult.newBuilder().setTaskRunExternalId(runId).setTaskName("").setJobRunId(runId)
            .setError(message))
        .build();
  }
}
