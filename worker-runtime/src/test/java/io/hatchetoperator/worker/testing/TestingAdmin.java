package io.hatchetoperator.worker.testing;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.hatchetoperator.proto.events.Event;
import io.hatchetoperator.proto.events.EventsServiceGrpc;
import io.hatchetoperator.proto.events.PushEventRequest;
import io.hatchetoperator.proto.events.PutLogRequest;
import io.hatchetoperator.proto.events.PutLogResponse;
import io.hatchetoperator.proto.v1.*;
import io.hatchetoperator.proto.workflows.BulkTriggerWorkflowRequest;
import io.hatchetoperator.proto.workflows.BulkTriggerWorkflowResponse;
import io.hatchetoperator.proto.workflows.TriggerWorkflowResponse;
import io.hatchetoperator.proto.workflows.WorkflowServiceGrpc;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Fakes of {@code v1.AdminService}, {@code WorkflowService} and {@code EventsService}: records, runs, events. */
public final class TestingAdmin {
  public final List<CreateWorkflowVersionRequest> putWorkflows = new CopyOnWriteArrayList<>();
  public final List<PushEventRequest> pushed = new CopyOnWriteArrayList<>();
  public final List<PutLogRequest> logs = new CopyOnWriteArrayList<>();
  public final List<String> cancelled = new CopyOnWriteArrayList<>();
  private final Map<String, CreateTaskOpts> firstTask = new ConcurrentHashMap<>();
  private final TestingRuns runs;
  private final TestingDispatcher dispatcher;

  TestingAdmin(TestingRuns runs, TestingDispatcher dispatcher) {
    this.runs = runs;
    this.dispatcher = dispatcher;
  }

  private String trigger(TriggerWorkflowRequest request) {
    CreateTaskOpts task = firstTask.get(request.getName());
    if (task == null) {
      throw Status.NOT_FOUND.withDescription("workflow " + request.getName() + " not found").asRuntimeException();
    }
    TestingRuns.Run run = runs.create(request.getName(), task.getReadableId(), request.getInput());
    dispatcher.assign(task.getAction(), "{\"input\":" + request.getInput() + ",\"parents\":{}}",
        run.runId, run.taskRunId);
    return run.runId;
  }

  final AdminServiceGrpc.AdminServiceImplBase admin = new AdminServiceGrpc.AdminServiceImplBase() {
    @Override
    public void putWorkflow(CreateWorkflowVersionRequest request, StreamObserver<CreateWorkflowVersionResponse> out) {
      putWorkflows.add(request);
      if (request.getTasksCount() > 0) {
        firstTask.put(request.getName(), request.getTasks(0));
      }
      out.onNext(CreateWorkflowVersionResponse.newBuilder().setId(UUID.randomUUID().toString())
          .setWorkflowId(UUID.randomUUID().toString()).build());
      out.onCompleted();
    }

    @Override
    public void getRunDetails(GetRunDetailsRequest request, StreamObserver<GetRunDetailsResponse> out) {
      TestingRuns.Run run = runs.run(request.getExternalId());
      if (run == null) {
        out.onError(Status.NOT_FOUND.withDescription("run not found").asRuntimeException());
        return;
      }
      RunStatus status = RunStatus.valueOf(run.status);
      TaskRunDetail.Builder task = TaskRunDetail.newBuilder().setExternalId(run.taskRunId)
          .setStatus(status).setReadableId(run.taskName);
      if (run.output != null) {
        task.setOutput(ByteString.copyFromUtf8(run.output));
      }
      if (run.error != null) {
        task.setError(run.error);
      }
      out.onNext(GetRunDetailsResponse.newBuilder().setInput(ByteString.copyFromUtf8(run.input))
          .setStatus(status).putTaskRuns(run.taskName, task.build())
          .setDone(status != RunStatus.QUEUED && status != RunStatus.RUNNING).build());
      out.onCompleted();
    }

    @Override
    public void cancelTasks(CancelTasksRequest request, StreamObserver<CancelTasksResponse> out) {
      CancelTasksResponse.Builder response = CancelTasksResponse.newBuilder();
      for (String id : request.getExternalIdsList()) {
        TestingRuns.Run run = runs.run(id);
        if (run != null) {
          cancelled.add(id);
          dispatcher.cancel(run.taskRunId);
          runs.finish(run, "CANCELLED", null, "cancelled");
          response.addCancelledTasks(run.taskRunId);
        }
      }
      out.onNext(response.build());
      out.onCompleted();
    }
  };

  final WorkflowServiceGrpc.WorkflowServiceImplBase workflows = new WorkflowServiceGrpc.WorkflowServiceImplBase() {
    @Override
    public void triggerWorkflow(TriggerWorkflowRequest request, StreamObserver<TriggerWorkflowResponse> out) {
      try {
        out.onNext(TriggerWorkflowResponse.newBuilder().setWorkflowRunId(trigger(request)).build());
        out.onCompleted();
      } catch (RuntimeException e) {
        out.onError(e);
      }
    }

    @Override
    public void bulkTriggerWorkflow(BulkTriggerWorkflowRequest request, StreamObserver<BulkTriggerWorkflowResponse> out) {
      BulkTriggerWorkflowResponse.Builder response = BulkTriggerWorkflowResponse.newBuilder();
      request.getWorkflowsList().forEach(r -> response.addWorkflowRunIds(trigger(r)));
      out.onNext(response.build());
      out.onCompleted();
    }
  };

  final EventsServiceGrpc.EventsServiceImplBase events = new EventsServiceGrpc.EventsServiceImplBase() {
    @Override
    public void push(PushEventRequest request, StreamObserver<Event> out) {
      pushed.add(request);
      out.onNext(Event.newBuilder().setEventId(UUID.randomUUID().toString()).setKey(request.getKey())
          .setPayload(request.getPayload()).setTenantId(TestTokens.TENANT).build());
      out.onCompleted();
    }

    @Override
    public void putLog(PutLogRequest request, StreamObserver<PutLogResponse> out) {
      logs.add(request);
      out.onNext(PutLogResponse.getDefaultInstance());
      out.onCompleted();
    }
  };
}
