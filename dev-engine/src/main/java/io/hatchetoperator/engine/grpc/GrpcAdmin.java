package io.hatchetoperator.engine.grpc;

import com.google.protobuf.ByteString;
import io.grpc.stub.StreamObserver;
import io.hatchetoperator.engine.core.EngineException;
import io.hatchetoperator.engine.core.Ids;
import io.hatchetoperator.engine.core.Json;
import io.hatchetoperator.engine.core.Scheduler;
import io.hatchetoperator.engine.core.TaskRun;
import io.hatchetoperator.engine.core.TaskState;
import io.hatchetoperator.engine.core.TriggerRequest;
import io.hatchetoperator.engine.core.WorkflowDef;
import io.hatchetoperator.engine.core.WorkflowRun;
import io.hatchetoperator.proto.v1.*;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@code v1.AdminService}: workflow registration, triggering, run details, cancel and replay. */
public final class GrpcAdmin extends AdminServiceGrpc.AdminServiceImplBase {

  private static final Logger LOG = LoggerFactory.getLogger(GrpcAdmin.class);

  private final Scheduler scheduler;

  public GrpcAdmin(Scheduler scheduler) {
    this.scheduler = scheduler;
  }

  @Override
  public void putWorkflow(CreateWorkflowVersionRequest req, StreamObserver<CreateWorkflowVersionResponse> out) {
    GrpcErrors.unary("PutWorkflow", out, () -> {
      WorkflowDef def = scheduler.registry().put(req);
      LOG.info("workflow '{}' registered with tasks {}", def.name(),
          def.tasks().stream().map(t -> t.readableId()).toList());
      return CreateWorkflowVersionResponse.newBuilder().setId(def.versionId()).setWorkflowId(def.id()).build();
    });
  }

  @Override
  public void triggerWorkflowRun(TriggerWorkflowRunRequest req, StreamObserver<TriggerWorkflowRunResponse> out) {
    GrpcErrors.unary("TriggerWorkflowRun", out, () -> {
      FeatureAuditAdapter.trigger("", req.getUnknownFields());
      String input = Json.requireObject("input", req.getInput().toString(StandardCharsets.UTF_8));
      String meta = Json.requireObject("additional_metadata", req.getAdditionalMetadata().toString(StandardCharsets.UTF_8));
      String id = scheduler.trigger(new TriggerRequest(req.getWorkflowName(), input, meta,
          req.hasPriority() ? req.getPriority() : null, null, null, null, null, null, null, null,
          io.hatchetoperator.engine.core.LabelRule.of(req.getDesiredWorkerLabelsMap())));
      return TriggerWorkflowRunResponse.newBuilder().setExternalId(id).build();
    });
  }

  @Override
  public void getRunDetails(GetRunDetailsRequest req, StreamObserver<GetRunDetailsResponse> out) {
    GrpcErrors.unary("GetRunDetails", out, () -> scheduler.readRun(Ids.require("external_id", req.getExternalId()),
        this::details));
  }

  @Override
  public void branchDurableTask(BranchDurableTaskRequest req, StreamObserver<BranchDurableTaskResponse> out) {
    GrpcErrors.unary("BranchDurableTask", out, () -> {
      String id = Ids.require("task_external_id", req.getTaskExternalId());
      var b = scheduler.durable().branch(id, req.getNodeId(), req.getBranchId());
      return BranchDurableTaskResponse.newBuilder().setTaskExternalId(id).setNodeId(b.nodeId())
          .setBranchId(b.branchId()).build();
    });
  }

  private GetRunDetailsResponse details(WorkflowRun run) {
    GetRunDetailsResponse.Builder b = GetRunDetailsResponse.newBuilder()
        .setInput(utf8(run.request().inputJson())).setAdditionalMetadata(utf8(run.request().metadataJson()))
        .setStatus(status(run.status())).setDone(run.finished());
    for (TaskRun t : run.tasks().values()) {
      TaskRunDetail.Builder d = TaskRunDetail.newBuilder().setExternalId(t.externalId()).setStatus(status(t.state()))
          .setReadableId(t.def().readableId())
          .setIsEvicted(t.durableInvocation() != null && scheduler.durable().evicted(t.externalId()));
      if (t.output() != null) {
        d.setOutput(utf8(t.output()));
      }
      if (t.error() != null) {
        d.setError(t.error());
      }
      b.putTaskRuns(t.def().readableId(), d.build());
    }
    return b.build();
  }

  @Override
  public void cancelTasks(CancelTasksRequest req, StreamObserver<CancelTasksResponse> out) {
    GrpcErrors.unary("CancelTasks", out, () -> CancelTasksResponse.newBuilder()
        .addAllCancelledTasks(scheduler.cancel(ids(req.getExternalIdsList(), req.hasFilter()))).build());
  }

  @Override
  public void replayTasks(ReplayTasksRequest req, StreamObserver<ReplayTasksResponse> out) {
    GrpcErrors.unary("ReplayTasks", out, () -> ReplayTasksResponse.newBuilder()
        .addAllReplayedTasks(scheduler.replay(ids(req.getExternalIdsList(), req.hasFilter()))).build());
  }

  private static List<String> ids(List<String> ids, boolean hasFilter) {
    if (ids.isEmpty()) {
      throw EngineException.invalid(hasFilter
          ? "filter is not supported by the dev engine; pass the run or task ids in external_ids"
          : "external_ids is empty; pass the run or task ids to act on");
    }
    return ids;
  }

  static RunStatus status(TaskState s) {
    return switch (s) {
      case RUNNING -> RunStatus.RUNNING;
      case COMPLETED -> RunStatus.COMPLETED;
      case FAILED -> RunStatus.FAILED;
      case CANCELLED -> RunStatus.CANCELLED;
      default -> RunStatus.QUEUED;
    };
  }

  private static ByteString utf8(String s) {
    return ByteString.copyFromUtf8(s);
  }
}
