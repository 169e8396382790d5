package io.hatchetoperator.engine.grpc;

import io.grpc.stub.StreamObserver;
import io.hatchetoperator.engine.core.EngineException;
import io.hatchetoperator.engine.core.Ids;
import io.hatchetoperator.engine.core.Json;
import io.hatchetoperator.engine.core.Scheduler;
import io.hatchetoperator.engine.core.TriggerRequest;
import io.hatchetoperator.engine.core.WorkflowDef;
import io.hatchetoperator.proto.v1.TriggerWorkflowRequest;
import io.hatchetoperator.proto.workflows.*;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The (v0) {@code WorkflowService} the SDKs trigger with: TriggerWorkflow, BulkTriggerWorkflow, ScheduleWorkflow. */
public final class GrpcWorkflows extends WorkflowServiceGrpc.WorkflowServiceImplBase {

  private static final Logger LOG = LoggerFactory.getLogger(GrpcWorkflows.class);

  private final Scheduler scheduler;
  private final ScheduledExecutorService timer;
  private final Clock clock;

  public GrpcWorkflows(Scheduler scheduler, ScheduledExecutorService timer, Clock clock) {
    this.scheduler = scheduler;
    this.timer = timer;
    this.clock = clock;
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
      TriggerRequest r = new TriggerRequest(req.getName(), Json.requireObject("input", req.getInput()),
          Json.requireObject("additional_metadata", req.getAdditionalMetadata()),
          req.hasPriority() ? req.getPriority() : null, req.hasParentId() ? req.getParentId() : null,
          req.hasParentTaskRunExternalId() ? req.getParentTaskRunExternalId() : null,
          req.hasChildIndex() ? req.getChildIndex() : null, req.hasChildKey() ? req.getChildKey() : null, null, null);
      WorkflowVersion.Builder b = WorkflowVersion.newBuilder().setId(def.versionId()).setVersion(def.version())
          .setWorkflowId(def.id());
      for (com.google.protobuf.Timestamp at : req.getSchedulesList()) {
        long delay = Math.max(0, at.getSeconds() * 1000 + at.getNanos() / 1_000_000 - clock.millis());
        timer.schedule(() -> fire(r), delay, TimeUnit.MILLISECONDS);
        b.addScheduledWorkflows(ScheduledWorkflow.newBuilder().setId(Ids.uuid()).setTriggerAt(at));
      }
      return b.build();
    });
  }

  private void fire(TriggerRequest r) {
    try {
      LOG.info("scheduled run of '{}' started as {}", r.workflowName(), scheduler.trigger(r));
    } catch (RuntimeException e) {
      LOG.warn("scheduled run of '{}' could not start: {}", r.workflowName(), e.getMessage());
    }
  }

  @Override
  public void putWorkflow(PutWorkflowRequest req, StreamObserver<WorkflowVersion> out) {
    out.onError(GrpcErrors.unimplemented("WorkflowService/PutWorkflow (v0) is not supported by the dev engine;"
        + " register workflows with v1.AdminService/PutWorkflow as current SDKs do"));
  }

  @Override
  public void putRateLimit(PutRateLimitRequest req, StreamObserver<PutRateLimitResponse> out) {
    GrpcErrors.unary("PutRateLimit", out, () -> {
      LOG.warn("rate limit '{}' accepted but not enforced by the dev engine", req.getKey());
      return PutRateLimitResponse.getDefaultInstance();
    });
  }

  private static TriggerRequest request(String prefix, TriggerWorkflowRequest r) {
    if (r.getName().isBlank()) {
      throw EngineException.invalid(prefix + "name is empty; pass the workflow's name");
    }
    String parentTask = r.hasParentTaskRunExternalId()
        ? Ids.require(prefix + "parent_task_run_external_id", r.getParentTaskRunExternalId()) : null;
    return new TriggerRequest(r.getName(), Json.requireObject(prefix + "input", r.getInput()),
        Json.requireObject(prefix + "additional_metadata", r.getAdditionalMetadata()),
        r.hasPriority() ? r.getPriority() : null, r.hasParentId() ? r.getParentId() : null, parentTask,
        r.hasChildIndex() ? r.getChildIndex() : null, r.hasChildKey() ? r.getChildKey() : null, null, null);
  }
}
