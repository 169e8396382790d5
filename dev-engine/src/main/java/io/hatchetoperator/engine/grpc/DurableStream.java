package io.hatchetoperator.engine.grpc;

import com.google.protobuf.ByteString;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.hatchetoperator.engine.core.DurableSink;
import io.hatchetoperator.engine.core.DurableTasks;
import io.hatchetoperator.engine.core.Scheduler;
import io.hatchetoperator.proto.v1.DurableEventLogEntryRef;
import io.hatchetoperator.proto.v1.DurableTaskErrorResponse;
import io.hatchetoperator.proto.v1.DurableTaskErrorType;
import io.hatchetoperator.proto.v1.DurableTaskEventLogEntryCompletedResponse;
import io.hatchetoperator.proto.v1.DurableTaskEventMemoAckResponse;
import io.hatchetoperator.proto.v1.DurableTaskEventTriggerRunsAckResponse;
import io.hatchetoperator.proto.v1.DurableTaskEventWaitForAckResponse;
import io.hatchetoperator.proto.v1.DurableTaskEvictionAckResponse;
import io.hatchetoperator.proto.v1.DurableTaskRequest;
import io.hatchetoperator.proto.v1.DurableTaskResponse;
import io.hatchetoperator.proto.v1.DurableTaskResponseRegisterWorker;
import io.hatchetoperator.proto.v1.DurableTaskRunAckEntry;
import io.hatchetoperator.proto.v1.DurableTaskServerEvictNotice;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One worker's DurableTask stream: requests go to {@link DurableTasks}, whose answers come back through this
 * {@link DurableSink} as Hatchet's DurableTaskResponse messages. A request the engine refuses (bad input, unknown task)
 * is answered with an error message naming the field, and the stream stays open, as Hatchet's does.
 */
final class DurableStream implements StreamObserver<DurableTaskRequest>, DurableSink {

  private final DurableTasks durable;
  private final ServerCallStreamObserver<DurableTaskResponse> out;
  private final DurableRequests requests;

  DurableStream(Scheduler scheduler, ServerCallStreamObserver<DurableTaskResponse> out) {
    this.durable = scheduler.durable();
    this.out = out;
    this.requests = new DurableRequests(scheduler, this);
  }

  @Override
  public void onNext(DurableTaskRequest req) {
    requests.handle(req);
  }

  @Override
  public void onError(Throwable t) {
    durable.detach(this);
  }

  @Override
  public void onCompleted() {
    durable.detach(this);
    synchronized (this) {
      if (!out.isCancelled()) {
        out.onCompleted();
      }
    }
  }

  void registered(String workerId) {
    send(DurableTaskResponse.newBuilder().setRegisterWorker(DurableTaskResponseRegisterWorker.newBuilder()
        .setWorkerId(workerId)).build());
  }

  @Override
  public void waitForAck(String taskId, int invocation, long branchId, long nodeId) {
    send(DurableTaskResponse.newBuilder().setWaitForAck(DurableTaskEventWaitForAckResponse.newBuilder()
        .setRef(ref(taskId, invocation, branchId, nodeId))).build());
  }

  @Override
  public void memoAck(String taskId, int invocation, long branchId, long nodeId, boolean existed, String result) {
    DurableTaskEventMemoAckResponse.Builder b = DurableTaskEventMemoAckResponse.newBuilder()
        .setRef(ref(taskId, invocation, branchId, nodeId)).setMemoAlreadyExisted(existed);
    if (result != null) {
      b.setMemoResultPayload(ByteString.copyFromUtf8(result));
    }
    send(DurableTaskResponse.newBuilder().setMemoAck(b).build());
  }

  @Override
  public void runsAck(String taskId, int invocation, List<RunRef> runs) {
    DurableTaskEventTriggerRunsAckResponse.Builder b = DurableTaskEventTriggerRunsAckResponse.newBuilder()
        .setDurableTaskExternalId(taskId).setInvocationCount(invocation);
    for (RunRef r : runs) {
      b.addRunEntries(DurableTaskRunAckEntry.newBuilder().setNodeId(r.nodeId()).setBranchId(r.branchId())
          .setWorkflowRunExternalId(r.runId()));
    }
    send(DurableTaskResponse.newBuilder().setTriggerRunsAck(b).build());
  }

  @Override
  public void entryCompleted(String taskId, int invocation, long branchId, long nodeId, String payload,
      boolean failure, String error) {
    DurableTaskEventLogEntryCompletedResponse.Builder b = DurableTaskEventLogEntryCompletedResponse.newBuilder()
        .setRef(ref(taskId, invocation, branchId, nodeId)).setIsFailure(failure);
    if (failure) {
      b.setErrorMessage(error == null ? "child run failed" : error);
    } else if (payload != null) {
      b.setPayload(ByteString.copyFrom(payload, StandardCharsets.UTF_8));
    }
    send(DurableTaskResponse.newBuilder().setEntryCompleted(b).build());
  }

  @Override
  public void nonDeterminism(String taskId, int invocation, long branchId, long nodeId, String message) {
    error(ref(taskId, invocation, branchId, nodeId), DurableTaskErrorType.DURABLE_TASK_ERROR_TYPE_NONDETERMINISM,
        message);
  }

  @Override
  public void refused(String taskId, int invocation, String message) {
    error(ref(taskId, invocation, 0, 0), DurableTaskErrorType.DURABLE_TASK_ERROR_TYPE_UNSPECIFIED, message);
  }

  @Override
  public void serverEvict(String taskId, int invocation, String reason) {
    send(DurableTaskResponse.newBuilder().setServerEvict(DurableTaskServerEvictNotice.newBuilder()
        .setDurableTaskExternalId(taskId).setInvocationCount(invocation).setReason(reason)).build());
  }

  @Override
  public void evictionAck(String taskId, int invocation) {
    send(DurableTaskResponse.newBuilder().setEvictionAck(DurableTaskEvictionAckResponse.newBuilder()
        .setDurableTaskExternalId(taskId).setInvocationCount(invocation)).build());
  }

  private void error(DurableEventLogEntryRef ref, DurableTaskErrorType type, String message) {
    send(DurableTaskResponse.newBuilder().setError(DurableTaskErrorResponse.newBuilder().setRef(ref)
        .setErrorType(type).setErrorMessage(message)).build());
  }

  private static DurableEventLogEntryRef ref(String taskId, int invocation, long branchId, long nodeId) {
    return DurableEventLogEntryRef.newBuilder().setDurableTaskExternalId(taskId).setInvocationCount(invocation)
        .setBranchId(branchId).setNodeId(nodeId).build();
  }

  private synchronized void send(DurableTaskResponse r) {
    if (!out.isCancelled()) {
      out.onNext(r);
    }
  }
}
