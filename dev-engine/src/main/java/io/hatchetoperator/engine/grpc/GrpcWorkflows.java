package io.hatchetoperator.engine.grpc;

import io.grpc.stub.StreamObserver;
import io.hatchetoperator.engine.core.EngineException;
import io.hatchetoperator.engine.core.Ids;
import io.hatchetoperator.engine.core.Json;
import io.hatchetoperator.engine.core.Scheduler;
import io.hatchetoperator.engine.core.TimedTriggers;
import io.hatchetoperator.engine.core.TriggerRequest;
import io.hatchetoperator.engine.core.WorkflowDef;
import io.hatchetoperator.proto.v1.TriggerWorkflowRequest;
import io.hatchetoperator.proto.workflows.*;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The (v0) {@code WorkflowService} the SDKs trigger with: TriggerWorkflow, BulkTriggerWorkflow, ScheduleWorkflow. */
public final class GrpcWorkflows extends WorkflowServiceGrpc.WorkflowServiceImplBase {

  private static final Logger LOG = LoggerFactory.getLogger(GrpcWorkflows.class);

  private final Scheduler scheduler;
  private final TimedTriggers timed;

  public GrpcWorkflows(Scheduler scheduler, TimedTriggers timed) {
    this.scheduler = scheduler;
    this.timed = timed;
  }

  @Override
  public void triggerWorkflow(TriggerWorkflowRequest req, StreamObserver<TriggerWorkflowResponse> out) {
    GrpcErrors.unary("TriggerWorkflow", out, () -> TriggerWorkflowResponse.newBuilder()
        .setWorkflowRunId(scheduler.trigger(request("", req))).build());
  }

  @Override
  public void bulkTriggerWorkflow(BulkTriggerWorkflowRequest req, StreamObserver<BulkTriggerWorkflowResponse> out) {
    GrpcErrors.unary("BulkTriggerWorkflow", out, () -> {
      List<TriggerRequest> reqs = new ArrayList<>();
      for (int i = 0; i < req.getWorkflowsCount(); i++) {
        reqs.add(request("workflows[" + i + "].", req.getWorkflows(i)));
      }
      return BulkTriggerWorkflowResponse.newBuilder().addAllWorkflowRunIds(scheduler.trigger(reqs)).build();
    });
  }

  @Override
  public void scheduleWorkflow(ScheduleWorkflowRequest req, StreamObserver<WorkflowVersion> out) {
    GrpcErrors.unary("ScheduleWorkflow", out, () -> {
      WorkflowDef def = scheduler.registry().get("name", req.getName());
      FeatureAuditAdapter.trigger("", req.getUnknownFields());
      TriggerRequest r = new TriggerRequest(req.getName(), Json.requireObject("input", req.getInput()),
          Json.requireObject("additional_metadata", req.getAdditionalMetadata()),
          req.hasPriority() ? req.getPriority() : null, req.hasParentId() ? req.getParentId() : null,
          req.hasParentTaskRunExternalId() ? req.getParentTaskRunExternalId() : null,
          req.hasChildIndex() ? req.getChildIndex() : null, req.hasChildKey() ? req.getChildKey() : null, null, null);
      WorkflowVersion.Builder b = WorkflowVersion.newBuilder().setId(def.versionId()).setVersion(def.version())
          .setWorkflowId(def.id());
      scheduler.check(r);
      if (req.getSchedulesCount() == 0) {
        throw EngineException.invalid("schedules is empty for workflow '" + req.getName() + "'; pass at least one"
            + " time to run it at");
      }
      for (com.google.protobuf.Timestamp at : req.getSchedulesList()) {
        String id = timed.schedule(r, at.getSeconds() * 1000 + at.getNanos() / 1_000_000);
        b.addScheduledWorkflows(ScheduledWorkflow.newBuilder().setId(id).setTriggerAt(at));
      }
      return b.build();
    });
  }

  @Override
  public void putWorkflow(PutWorkflowRequest req, StreamObserver<WorkflowVersion> out) {
    out.onError(GrpcErrors.unimplemented("WorkflowService/PutWorkflow (v0) is not supported by the dev engine;"
        + " register workflows with v1.AdminService/PutWorkflow as current SDKs do"));
  }

  @Override
  public void putRateLimit(PutRateLimitRequest req, StreamObserver<PutRateLimitResponse> out) {
    GrpcErrors.unary("PutRateLimit", out, () -> {
      scheduler.putRateLimit(req.getKey(), req.getLimit(), req.getDuration().name());
      return PutRateLimitResponse.getDefaultInstance();
    });
  }

  static TriggerRequest request(String prefix, TriggerWorkflowRequest r) {
    if (r.getName().isBlank()) {
      throw EngineException.invalid(prefix + "name is empty; pass the workflow's name");
    }
    FeatureAuditAdapter.trigger(prefix, r.getUnknownFields());
    String parentTask = r.hasParentTaskRunExternalId()
        ? Ids.require(prefix + "parent_task_run_external_id", r.getParentTaskRunExternalId()) : null;
    return new TriggerRequest(r.getName(), Json.requireObject(prefix + "input", r.getInput()),
        Json.requireObject(prefix + "additional_metadata", r.getAdditionalMetadata()),
        r.hasPriority() ? r.getPriority() : null, r.hasParentId() ? r.getParentId() : null, parentTask,
        r.hasChildIndex() ? r.getChildIndex() : null, r.hasChildKey() ? r.getChildKey() : null, null, null,
        r.hasDesiredWorkerId() && !r.getDesiredWorkerId().isBlank()
            ? Ids.require(prefix + "desired_worker_id", r.getDesiredWorkerId()) : null,
        io.hatchetoperator.engine.core.LabelRule.of(r.getDesiredWorkerLabelsMap()));
  }
}
