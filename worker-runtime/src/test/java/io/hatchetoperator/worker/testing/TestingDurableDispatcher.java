package io.hatchetoperator.worker.testing;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.hatchetoperator.proto.v1.DurableEventLogEntryRef;
import io.hatchetoperator.proto.v1.DurableTaskEventLogEntryCompletedResponse;
import io.hatchetoperator.proto.v1.DurableTaskEventWaitForAckResponse;
import io.hatchetoperator.proto.v1.DurableTaskRequest;
import io.hatchetoperator.proto.v1.DurableTaskResponse;
import io.hatchetoperator.proto.v1.DurableTaskResponseRegisterWorker;
import io.hatchetoperator.proto.v1.V1DispatcherGrpc;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A scripted fake of Hatchet's {@code V1Dispatcher.DurableTask} stream: it answers register_worker as the engine
 * does and records every request with the stream it came on; the test sends acks and completions (in any order),
 * errors, evictions, and breaks the stream.
 */
public final class TestingDurableDispatcher extends V1DispatcherGrpc.V1DispatcherImplBase {

  /** A request as received, with the number of the stream it came on (1 = first). */
  public record Received(int stream, DurableTaskRequest request) {}

  public final List<Received> received = new CopyOnWriteArrayList<>();
  private final List<StreamObserver<DurableTaskResponse>> streams = new CopyOnWriteArrayList<>();

  @Override
  public StreamObserver<DurableTaskRequest> durableTask(StreamObserver<DurableTaskResponse> out) {
    streams.add(out);
    int number = streams.size();
    return new StreamObserver<>() {
      @Override
      public void onNext(DurableTaskRequest request) {
        received.add(new Received(number, request));
        if (request.hasRegisterWorker()) {
          send(out, DurableTaskResponse.newBuilder().setRegisterWorker(DurableTaskResponseRegisterWorker.newBuilder()
              .setWorkerId(request.getRegisterWorker().getWorkerId())).build());
        }
      }

      @Override
      public void onError(Throwable t) { }

      @Override
      public void onCompleted() { }
    };
  }

  /** How many DurableTask streams the worker opened. */
  public int streamsOpened() {
    return streams.size();
  }

  /** The wait_for requests received, in order. */
  public List<io.hatchetoperator.proto.v1.DurableTaskWaitForRequest> waitFors() {
    return received.stream().filter(r -> r.request().hasWaitFor()).map(r -> r.request().getWaitFor()).toList();
  }

  /** Acknowledges a wait_for of {@code taskRunId}'s {@code invocation} as entry (branch, node). */
  public void ackWaitFor(String taskRunId, int invocation, long branch, long node) {
    send(DurableTaskResponse.newBuilder().setWaitForAck(DurableTaskEventWaitForAckResponse.newBuilder()
        .setRef(ref(taskRunId, invocation, branch, node))).build());
  }

  /** Completes entry (branch, node) with a JSON payload. */
  public void complete(String taskRunId, int invocation, long branch, long node, String json) {
    send(DurableTaskResponse.newBuilder().setEntryCompleted(DurableTaskEventLogEntryCompletedResponse.newBuilder()
        .setRef(ref(taskRunId, invocation, branch, node))
        .setPayload(com.google.protobuf.ByteString.copyFrom(json, StandardCharsets.UTF_8))).build());
  }

  /** Sends any response on the newest stream. */
  public void send(DurableTaskResponse response) {
    send(streams.get(streams.size() - 1), response);
  }

  /** Ends the newest stream with UNAVAILABLE, as an engine restart does. */
  public void breakStream() {
    StreamObserver<DurableTaskResponse> last = streams.get(streams.size() - 1);
    synchronized (last) {
      last.onError(Status.UNAVAILABLE.withDescription("engine restarting").asRuntimeException());
    }
  }

  public static DurableEventLogEntryRef ref(String taskRunId, int invocation, long branch, long node) {
    return DurableEventLogEntryRef.newBuilder().setDurableTaskExternalId(taskRunId).setInvocationCount(invocation)
        .setBranchId(branch).setNodeId(node).build();
  }

  private static void send(StreamObserver<DurableTaskResponse> out, DurableTaskResponse response) {
    synchronized (out) {
      out.onNext(response);
    }
  }
}
