package io.hatchetoperator.engine;

import io.grpc.CallCredentials;
import io.grpc.ManagedChannel;
import io.grpc.stub.StreamObserver;
import io.hatchetoperator.proto.dispatcher.DispatcherGrpc;
import io.hatchetoperator.proto.dispatcher.SubscribeToWorkflowRunsRequest;
import io.hatchetoperator.proto.dispatcher.WorkflowRunEvent;
import io.hatchetoperator.proto.v1.TriggerWorkflowRequest;
import io.hatchetoperator.proto.workflows.TriggerWorkflowResponse;
import io.hatchetoperator.proto.workflows.WorkflowServiceGrpc;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/** A minimal client as the SDKs are: TriggerWorkflow, then one shared SubscribeToWorkflowRuns stream for results. */
final class RawClient implements AutoCloseable {

  final ManagedChannel channel;
  final WorkflowServiceGrpc.WorkflowServiceStub workflows;
  final WorkflowServiceGrpc.WorkflowServiceBlockingStub blocking;
  private final Map<String, CompletableFuture<WorkflowRunEvent>> pending = new ConcurrentHashMap<>();
  private final StreamObserver<SubscribeToWorkflowRunsRequest> subscriptions;

  RawClient(DevEngine engine) {
    channel = RawWorker.channel(engine);
    CallCredentials creds = RawWorker.bearer(engine.token());
    workflows = WorkflowServiceGrpc.newStub(channel).withCallCredentials(creds);
    blocking = WorkflowServiceGrpc.newBlockingStub(channel).withCallCredentials(creds);
    subscriptions = DispatcherGrpc.newStub(channel).withCallCredentials(creds).subscribeToWorkflowRuns(
        new StreamObserver<>() {
          @Override
          public void onNext(WorkflowRunEvent e) {
            CompletableFuture<WorkflowRunEvent> f = pending.remove(e.getWorkflowRunId());
            if (f != null) {
              f.complete(e);
            }
          }

          @Override
          public void onError(Throwable t) {
            pending.values().forEach(f -> f.completeExceptionally(t));
          }

          @Override
          public void onCompleted() {}
        });
  }

  /** Triggers {@code workflow} and completes with its FINISHED event. */
  CompletableFuture<WorkflowRunEvent> run(String workflow, String input) {
    CompletableFuture<WorkflowRunEvent> result = new CompletableFuture<>();
    workflows.triggerWorkflow(TriggerWorkflowRequest.newBuilder().setName(workflow).setInput(input).build(),
        new StreamObserver<>() {
          @Override
          public void onNext(TriggerWorkflowResponse r) {
            pending.put(r.getWorkflowRunId(), result);
            subscribe(r.getWorkflowRunId());
          }

          @Override
          public void onError(Throwable t) {
            result.completeExceptionally(t);
          }

          @Override
          public void onCompleted() {}
        });
    return result;
  }

  /** Completes with the FINISHED event of a run started elsewhere (a child run, a scheduled run). */
  CompletableFuture<WorkflowRunEvent> result(String runId) {
    CompletableFuture<WorkflowRunEvent> result = pending.computeIfAbsent(runId, k -> new CompletableFuture<>());
    subscribe(runId);
    return result;
  }

  synchronized void subscribe(String runId) {
    subscriptions.onNext(SubscribeToWorkflowRunsRequest.newBuilder().setWorkflowRunId(runId).build());
  }

  @Override
  public void close() {
    channel.shutdownNow();
  }
}
