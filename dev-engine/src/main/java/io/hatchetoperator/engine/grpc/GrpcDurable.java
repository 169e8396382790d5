package io.hatchetoperator.engine.grpc;

import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.hatchetoperator.engine.core.Ids;
import io.hatchetoperator.engine.core.Scheduler;
import io.hatchetoperator.proto.v1.DurableEvent;
import io.hatchetoperator.proto.v1.DurableTaskRequest;
import io.hatchetoperator.proto.v1.DurableTaskResponse;
import io.hatchetoperator.proto.v1.ListenForDurableEventRequest;
import io.hatchetoperator.proto.v1.RegisterDurableEventRequest;
import io.hatchetoperator.proto.v1.RegisterDurableEventResponse;
import io.hatchetoperator.proto.v1.V1DispatcherGrpc;

/**
 * Hatchet's v1.V1Dispatcher: the DurableTask stream (SDKs talking to engines from v0.80.0) and the legacy
 * RegisterDurableEvent / ListenForDurableEvent pair that older SDKs use, both over the scheduler's durable log.
 */
public final class GrpcDurable extends V1DispatcherGrpc.V1DispatcherImplBase {

  private final Scheduler scheduler;

  public GrpcDurable(Scheduler scheduler) {
    this.scheduler = scheduler;
  }

  @Override
  public StreamObserver<DurableTaskRequest> durableTask(StreamObserver<DurableTaskResponse> out) {
    DurableStream stream = new DurableStream(scheduler, (ServerCallStreamObserver<DurableTaskResponse>) out);
    ((ServerCallStreamObserver<DurableTaskResponse>) out).setOnCancelHandler(() -> scheduler.durable().detach(stream));
    return stream;
  }

  @Override
  public void registerDurableEvent(RegisterDurableEventRequest req, StreamObserver<RegisterDurableEventResponse> out) {
    GrpcErrors.unary("RegisterDurableEvent", out, () -> {
      String taskId = Ids.require("task_id", req.getTaskId());
      scheduler.durable().registerSignal(taskId, req.getSignalKey(),
          io.hatchetoperator.engine.core.DurableCondition.parse("conditions", req.getConditions(), false));
      return RegisterDurableEventResponse.getDefaultInstance();
    });
  }

  @Override
  public StreamObserver<ListenForDurableEventRequest> listenForDurableEvent(StreamObserver<DurableEvent> out) {
    return new LegacyDurableListener(scheduler.durable(), (ServerCallStreamObserver<DurableEvent>) out);
  }
}
