package io.hatchetoperator.worker.testing;

import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.hatchetoperator.proto.dispatcher.*;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A recording fake of Hatchet's {@code Dispatcher}: Register, ListenV2/Listen, Heartbeat, events,
 * Unsubscribe, GetVersion and the shared run subscription. Tests push assignments and inject faults.
 */
public final class TestingDispatcher extends DispatcherGrpc.DispatcherImplBase {

  /** A heartbeat as received. */
  public record Beat(String workerId, long nanos) {}

  public final List<WorkerRegisterRequest> registers = new CopyOnWriteArrayList<>();
  public final List<String> listenCalls = new CopyOnWriteArrayList<>();
  public final List<Beat> heartbeats = new CopyOnWriteArrayList<>();
  public final List<StepActionEvent> events = new CopyOnWriteArrayList<>();
  public final List<String> unsubscribes = new CopyOnWriteArrayList<>();
  public final List<ReleaseSlotRequest> releases = new CopyOnWriteArrayList<>();
  public final List<RefreshTimeoutRequest> refreshes = new CopyOnWriteArrayList<>();
  /** Next N SendStepActionEvent calls answer {@link #eventFailureStatus} (and are not recorded). */
  public final AtomicInteger eventFailures = new AtomicInteger();
  public volatile Status eventFailureStatus = Status.UNAVAILABLE.withDescription("engine restarting");
  /** When set, only events of this type fail (and count down {@link #eventFailures}). */
  public volatile StepActionEventType eventFailureType;
  /** When set, every Register call fails with this status. */
  public volatile Status registerStatus;
  /** SubscribeToWorkflowRuns streams opened. */
  public final AtomicInteger runSubscriptions = new AtomicInteger();
  public volatile String version = "v0.101.27";
  public volatile boolean versionUnimplemented;
  public volatile boolean listenV2Unimplemented;
  /** When set, every ListenV2 call fails with this status. */
  public volatile Status listenStatus;
  /** When set, every heartbeat is answered with this status. */
  public volatile Status heartbeatStatus;
  public volatile Consumer<StepActionEvent> onEvent = e -> { };
  /** Benchmarks turn recording off: the lists would grow with every event. */
  public volatile boolean recordEvents = true;

  private final TestingRuns runs;
  private final Map<String, ServerCallStreamObserver<AssignedAction>> streams = new ConcurrentHashMap<>();
  private volatile String lastListener;

  TestingDispatcher(TestingRuns runs) {
    this.runs = runs;
  }

  /** Sends a START_STEP_RUN for {@code actionId} to the last worker that listens; returns the task run id. */
  public String assign(String actionId, String inputJson) {
    String taskRunId = UUID.randomUUID().toString();
    assign(actionId, "{\"input\":" + inputJson + ",\"parents\":{}}", UUID.randomUUID().toString(), taskRunId);
    return taskRunId;
  }

  public void assign(String actionId, String payload, String runId, String taskRunId) {
    assign(actionId, payload, runId, taskRunId, 0);
  }

  /** Sends attempt {@code retryCount} of a task run. */
  public void assign(String actionId, String payload, String runId, String taskRunId, int retryCount) {
    String task = actionId.substring(actionId.indexOf(':') + 1);
    send(AssignedAction.newBuilder().setTenantId(TestTokens.TENANT).setWorkflowRunId(runId).setRetryCount(retryCount)
        .setJobId("step-" + task).setJobName(task).setJobRunId(taskRunId).setTaskId("step-" + task)
        .setTaskRunExternalId(taskRunId).setActionId(actionId)
        .setActionType(ActionType.START_STEP_RUN).setActionPayload(payload).setTaskName(task)
        .setAdditionalMetadata("{\"source\":\"test\"}").build());
  }

  /** Sends {@code action} as it is to the last worker that listens. */
  public void push(AssignedAction action) {
    send(action);
  }

  public void cancel(String taskRunId) {
    cancel(taskRunId, 0);
  }

  public void cancel(String taskRunId, int retryCount) {
    send(AssignedAction.newBuilder().setTaskRunExternalId(taskRunId).setActionId("cancel").setRetryCount(retryCount)
        .setActionType(ActionType.CANCEL_STEP_RUN).build());
  }

  /** Ends every open assignment stream with {@code status}. */
  public void breakStreams(Status status) {
    streams.values().forEach(s -> {
      synchronized (s) {
        s.onError(status.asRuntimeException());
      }
    });
    streams.clear();
  }

  public boolean listening() {
    return lastListener != null && streams.containsKey(lastListener);
  }

  public List<StepActionEvent> events(String taskRunId) {
    return events.stream().filter(e -> e.getTaskRunExternalId().equals(taskRunId)).toList();
  }

  private void send(AssignedAction action) {
    ServerCallStreamObserver<AssignedAction> stream = lastListener == null ? null : streams.get(lastListener);
    if (stream == null) {
      throw new IllegalStateException("no worker listens");
    }
    synchronized (stream) {
      stream.onNext(action);
    }
  }

  @Override
  public void register(WorkerRegisterRequest request, StreamObserver<WorkerRegisterResponse> out) {
    registers.add(request);
    Status failure = registerStatus;
    if (failure != null) {
      out.onError(failure.asRuntimeException());
      return;
    }
    out.onNext(WorkerRegisterResponse.newBuilder().setTenantId(TestTokens.TENANT)
        .setWorkerId(UUID.randomUUID().toString()).setWorkerName(request.getWorkerName()).build());
    out.onCompleted();
  }

  @Override
  public void getVersion(GetVersionRequest request, StreamObserver<GetVersionResponse> out) {
    if (versionUnimplemented) {
      out.onError(Status.UNIMPLEMENTED.asRuntimeException());
      return;
    }
    out.onNext(GetVersionResponse.newBuilder().setVersion(version).build());
    out.onCompleted();
  }

  @Override
  public void listenV2(WorkerListenRequest request, StreamObserver<AssignedAction> out) {
    if (listenV2Unimplemented) {
      out.onError(Status.UNIMPLEMENTED.asRuntimeException());
      return;
    }
    Status status = listenStatus;
    if (status != null) {
      listenCalls.add("ListenV2 (failed)");
      out.onError(status.asRuntimeException());
      return;
    }
    hold("ListenV2", request, out);
  }

  @Override
  public void listen(WorkerListenRequest request, StreamObserver<AssignedAction> out) {
    hold("Listen", request, out);
  }

  private void hold(String method, WorkerListenRequest request, StreamObserver<AssignedAction> out) {
    ServerCallStreamObserver<AssignedAction> stream = (ServerCallStreamObserver<AssignedAction>) out;
    String id = request.getWorkerId();
    stream.setOnCancelHandler(() -> streams.remove(id, stream));
    streams.put(id, stream);
    lastListener = id;
    listenCalls.add(method);
  }

  @Override
  public void heartbeat(HeartbeatRequest request, StreamObserver<HeartbeatResponse> out) {
    if (recordEvents) {
      heartbeats.add(new Beat(request.getWorkerId(), System.nanoTime()));
    }
    Status status = heartbeatStatus;
    if (status != null) {
      out.onError(status.asRuntimeException());
      return;
    }
    out.onNext(HeartbeatResponse.getDefaultInstance());
    out.onCompleted();
  }

  @Override
  public void sendStepActionEvent(StepActionEvent event, StreamObserver<ActionEventResponse> out) {
    StepActionEventType only = eventFailureType;
    if ((only == null || only == event.getEventType()) && eventFailures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      out.onError(eventFailureStatus.asRuntimeException());
      return;
    }
    if (recordEvents) {
      events.add(event);
    }
    onEvent.accept(event);
    TestingRuns.Run run = runs.byTaskRun(event.getTaskRunExternalId());
    if (run != null) {
      switch (event.getEventType()) {
        case STEP_EVENT_TYPE_STARTED -> run.status = "RUNNING";
        case STEP_EVENT_TYPE_COMPLETED -> runs.finish(run, "COMPLETED", event.getEventPayload(), null);
        case STEP_EVENT_TYPE_FAILED -> runs.finish(run, "FAILED", null, event.getEventPayload());
        default -> { }
      }
    }
    out.onNext(ActionEventResponse.newBuilder().setTenantId(TestTokens.TENANT)
        .setWorkerId(event.getWorkerId()).build());
    out.onCompleted();
  }

  @Override
  public void unsubscribe(WorkerUnsubscribeRequest request, StreamObserver<WorkerUnsubscribeResponse> out) {
    unsubscribes.add(request.getWorkerId());
    out.onNext(WorkerUnsubscribeResponse.newBuilder().setWorkerId(request.getWorkerId()).build());
    out.onCompleted();
  }

  @Override
  public void releaseSlot(ReleaseSlotRequest request, StreamObserver<ReleaseSlotResponse> out) {
    releases.add(request);
    out.onNext(ReleaseSlotResponse.getDefaultInstance());
    out.onCompleted();
  }

  @Override
  public void refreshTimeout(RefreshTimeoutRequest request, StreamObserver<RefreshTimeoutResponse> out) {
    refreshes.add(request);
    out.onNext(RefreshTimeoutResponse.getDefaultInstance());
    out.onCompleted();
  }

  @Override
  public StreamObserver<SubscribeToWorkflowRunsRequest> subscribeToWorkflowRuns(
      StreamObserver<WorkflowRunEvent> out) {
    ServerCallStreamObserver<WorkflowRunEvent> stream = (ServerCallStreamObserver<WorkflowRunEvent>) out;
    runSubscriptions.incrementAndGet();
    return new StreamObserver<>() {
      @Override
      public void onNext(SubscribeToWorkflowRunsRequest request) {
        runs.subscribe(stream, request.getWorkflowRunId());
      }

      @Override
      public void onError(Throwable t) {
        runs.unsubscribeAll(stream);
      }

      @Override
      public void onCompleted() {
        runs.unsubscribeAll(stream);
        out.onCompleted();
      }
    };
  }
}
