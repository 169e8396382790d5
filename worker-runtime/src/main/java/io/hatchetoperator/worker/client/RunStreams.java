package io.hatchetoperator.worker.client;

import io.grpc.Context;
import io.grpc.stub.StreamObserver;
import io.hatchetoperator.proto.dispatcher.ResourceEventType;
import io.hatchetoperator.proto.dispatcher.SubscribeToWorkflowEventsRequest;
import io.hatchetoperator.proto.dispatcher.WorkflowEvent;
import java.util.function.Consumer;

/** A run's stream chunks: one {@code SubscribeToWorkflowEvents} call per subscriber, STREAM events passed on. */
final class RunStreams {
  private RunStreams() {}

  /** Subscribes {@code onChunk} to the chunks of {@code runId}; closing the handle cancels the call. */
  static AutoCloseable subscribe(EngineStubs stubs, String runId, Consumer<String> onChunk) {
    Context.CancellableContext call = Context.current().withCancellation();
    call.run(() -> stubs.dispatcher().subscribeToWorkflowEvents(
        SubscribeToWorkflowEventsRequest.newBuilder().setWorkflowRunId(runId).build(),
        new StreamObserver<WorkflowEvent>() {
          @Override
          public void onNext(WorkflowEvent e) {
            if (e.getEventType() == ResourceEventType.RESOURCE_EVENT_TYPE_STREAM) {
              onChunk.accept(e.getEventPayload());
            }
          }

          @Override
          public void onError(Throwable t) {
            // cancelled by close(), or the stream broke: the subscriber gets no more chunks
          }

          @Override
          public void onCompleted() {
            // the engine hung up: the run finished
          }
        }));
    return () -> call.cancel(null);
  }
}
