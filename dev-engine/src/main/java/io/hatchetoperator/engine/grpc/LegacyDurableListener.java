package io.hatchetoperator.engine.grpc;

import com.google.protobuf.ByteString;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.hatchetoperator.engine.core.DurableSignalSink;
import io.hatchetoperator.engine.core.DurableTasks;
import io.hatchetoperator.proto.v1.DurableEvent;
import io.hatchetoperator.proto.v1.ListenForDurableEventRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A ListenForDurableEvent stream (the pre-v0.80.0 durable protocol): each request subscribes to a (task, signal key);
 * the signal's match data is sent once, when its RegisterDurableEvent wait is satisfied.
 */
final class LegacyDurableListener implements StreamObserver<ListenForDurableEventRequest>, DurableSignalSink {

  private static final Logger LOG = LoggerFactory.getLogger(LegacyDurableListener.class);

  private final DurableTasks durable;
  private final ServerCallStreamObserver<DurableEvent> out;

  LegacyDurableListener(DurableTasks durable, ServerCallStreamObserver<DurableEvent> out) {
    this.durable = durable;
    this.out = out;
    out.setOnCancelHandler(() -> durable.unlisten(this));
  }

  @Override
  public void onNext(ListenForDurableEventRequest req) {
    if (req.getTaskId().isBlank()) {
      LOG.warn("ListenForDurableEvent: task_id is empty (signal key '{}'); subscription ignored, as Hatchet does",
          req.getSignalKey());
      return;
    }
    durable.listenSignal(req.getTaskId(), req.getSignalKey(), this);
  }

  @Override
  public synchronized void signal(String taskId, String signalKey, String dataJson) {
    if (!out.isCancelled()) {
      out.onNext(DurableEvent.newBuilder().setTaskId(taskId).setSignalKey(signalKey)
          .setData(ByteString.copyFromUtf8(dataJson)).build());
    }
  }

  @Override
  public void onError(Throwable t) {
    durable.unlisten(this);
  }

  @Override
  public void onCompleted() {
    durable.unlisten(this);
    synchronized (this) {
      if (!out.isCancelled()) {
        out.onCompleted();
      }
    }
  }
}
