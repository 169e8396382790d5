package io.hatchetoperator.engine.grpc;

import com.google.protobuf.Timestamp;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.hatchetoperator.engine.core.Durations;
import io.hatchetoperator.engine.core.EngineException;
import io.hatchetoperator.engine.core.Ids;
import io.hatchetoperator.engine.core.Scheduler;
import io.hatchetoperator.engine.core.TaskEventKind;
import io.hatchetoperator.proto.dispatcher.*;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code Dispatcher} service: worker registration, Listen streams, heartbeats, task events, run subscriptions. */
public final class GrpcDispatcher extends DispatcherGrpc.DispatcherImplBase {

  private final Scheduler scheduler;
  private final String version;

  public GrpcDispatcher(Scheduler scheduler, String version) {
    this.scheduler = scheduler;
    this.version = version;
  }

  @Override
  public void getVersion(GetVersionRequest req, StreamObserver<GetVersionResponse> out) {
    GrpcErrors.unary("GetVersion", out, () -> GetVersionResponse.newBuilder().setVersion(version).build());
  }

  @Override
  public void register(WorkerRegisterRequest req, StreamObserver<WorkerRegisterResponse> out) {
    GrpcErrors.unary("Register", out, () -> {
      if (req.getWorkerName().isBlank()) {
        throw EngineException.invalid("worker_name is empty; give the worker a name");
      }
      if (req.hasSlots() && req.getSlotConfigCount() > 0) {
        throw EngineException.invalid("slots = " + req.getSlots() + " and slot_config = " + req.getSlotConfigMap()
            + " are both set; send only slot_config (slots is deprecated)");
      }
      Map<String, Integer> slots = new HashMap<>(req.getSlotConfigMap());
      if (req.hasSlots()) {
        slots.put("default", req.getSlots());
      }
      if (slots.isEmpty()) {
        slots.put("default", 100);
      }
      for (Map.Entry<String, Integer> e : slots.entrySet()) {
        if (e.getValue() < 0) {
          throw EngineException.invalid("slot_config[" + e.getKey() + "] = " + e.getValue() + " is negative; use 0 or more");
        }
      }
      String sdk = req.hasRuntimeInfo() && req.getRuntimeInfo().hasLanguage() ? req.getRuntimeInfo().getLanguage().name()
          : "UNKNOWN";
      String id = scheduler.register(req.getWorkerName(), req.getActionsList(), slots, labels(req.getLabelsMap()), sdk);
      return WorkerRegisterResponse.newBuilder().setTenantId(scheduler.tenantId()).setWorkerId(id)
          .setWorkerName(req.getWorkerName()).build();
    });
  }

  @Override
  public void listenV2(WorkerListenRequest req, StreamObserver<AssignedAction> out) {
    listen(req, out, false);
  }

  @Override
  public void listen(WorkerListenRequest req, StreamObserver<AssignedAction> out) {
    listen(req, out, true);
  }

  private void listen(WorkerListenRequest req, StreamObserver<AssignedAction> out, boolean legacy) {
    ServerCallStreamObserver<AssignedAction> stream = (ServerCallStreamObserver<AssignedAction>) out;
    GrpcActionSink sink = new GrpcActionSink(stream, scheduler.tenantId());
    String workerId = req.getWorkerId();
    stream.setOnCancelHandler(() -> {
      try {
        scheduler.listenerClosed(workerId, sink);
      } catch (EngineException ignored) {
        // the worker id was never valid; nothing to detach
      }
    });
    try {
      scheduler.listen(workerId, sink, legacy);
    } catch (RuntimeException e) {
      out.onError(GrpcErrors.status(legacy ? "Listen" : "ListenV2", e));
    }
  }

  @Override
  public void heartbeat(HeartbeatRequest req, StreamObserver<HeartbeatResponse> out) {
    GrpcErrors.unary("Heartbeat", out, () -> {
      scheduler.heartbeat(req.getWorkerId());
      return HeartbeatResponse.getDefaultInstance();
    });
  }

  @Override
  public void sendStepActionEvent(StepActionEvent req, StreamObserver<ActionEventResponse> out) {
    GrpcErrors.unary("SendStepActionEvent", out, () -> {
      TaskEventKind kind = switch (req.getEventType()) {
        case STEP_EVENT_TYPE_STARTED, STEP_EVENT_TYPE_ACKNOWLEDGED -> TaskEventKind.STARTED;
        case STEP_EVENT_TYPE_COMPLETED -> TaskEventKind.COMPLETED;
        case STEP_EVENT_TYPE_FAILED -> TaskEventKind.FAILED;
        case STEP_EVENT_TYPE_CANCELLED -> TaskEventKind.CANCELLED;
        default -> throw EngineException.invalid("event_type = " + req.getEventType() + " is not a task event; send"
            + " STARTED, COMPLETED, FAILED or CANCELLED");
      };
      scheduler.taskEvent(req.getTaskRunExternalId(), kind, req.getEventPayload(),
          req.hasRetryCount() ? req.getRetryCount() : null, req.getShouldNotRetry());
      return ActionEventResponse.newBuilder().setTenantId(scheduler.tenantId()).setWorkerId(req.getWorkerId()).build();
    });
  }

  @Override
  public void sendBatchActionEvent(BatchActionEvent req, StreamObserver<ActionEventResponse> out) {
    out.onError(GrpcErrors.unimplemented("SendBatchActionEvent: batched tasks are not supported by the dev engine"));
  }

  @Override
  public void sendGroupKeyActionEvent(GroupKeyActionEvent req, StreamObserver<ActionEventResponse> out) {
    out.onError(GrpcErrors.unimplemented("SendGroupKeyActionEvent is not implemented by v1 engines"));
  }

  @Override
  public StreamObserver<SubscribeToWorkflowRunsRequest> subscribeToWorkflowRuns(StreamObserver<WorkflowRunEvent> out) {
    return new RunSubscription(scheduler, (ServerCallStreamObserver<WorkflowRunEvent>) out);
  }

  @Override
  public void subscribeToWorkflowEvents(SubscribeToWorkflowEventsRequest req, StreamObserver<WorkflowEvent> out) {
    try {
      boolean byMetadata = !req.getAdditionalMetaKey().isEmpty() || !req.getAdditionalMetaValue().isEmpty();
      if (!req.hasWorkflowRunId() || byMetadata) {
        throw EngineException.invalid((req.hasWorkflowRunId() ? "additional_meta_key/value are set" : "workflow_run_id is"
            + " not set") + "; the dev engine streams the events of one run given by workflow_run_id"
            + " (additional_meta_key subscriptions are not supported, so they are refused rather than ignored)");
      }
      String runId = Ids.require("workflow_run_id", req.getWorkflowRunId());
      RunEventStream stream = new RunEventStream((ServerCallStreamObserver<WorkflowEvent>) out, runId);
      ((ServerCallStreamObserver<WorkflowEvent>) out).setOnCancelHandler(() -> scheduler.forget(runId, stream));
      scheduler.observe(runId, stream);
    } catch (RuntimeException e) {
      out.onError(GrpcErrors.status("SubscribeToWorkflowEvents", e));
    }
  }

  @Override
  public void putOverridesData(OverridesData req, StreamObserver<OverridesDataResponse> out) {
    GrpcErrors.unary("PutOverridesData", out, () -> {
      scheduler.readTask(req.getTaskRunExternalId(), t -> t);
      return OverridesDataResponse.getDefaultInstance();
    });
  }

  @Override
  public void unsubscribe(WorkerUnsubscribeRequest req, StreamObserver<WorkerUnsubscribeResponse> out) {
    GrpcErrors.unary("Unsubscribe", out, () -> {
      scheduler.unsubscribe(req.getWorkerId());
      return WorkerUnsubscribeResponse.newBuilder().setTenantId(scheduler.tenantId()).setWorkerId(req.getWorkerId())
          .build();
    });
  }

  @Override
  public void refreshTimeout(RefreshTimeoutRequest req, StreamObserver<RefreshTimeoutResponse> out) {
    GrpcErrors.unary("RefreshTimeout", out, () -> {
      long at = scheduler.refreshTimeout(req.getTaskRunExternalId(),
          Durations.parse("increment_timeout_by", req.getIncrementTimeoutBy()));
      return RefreshTimeoutResponse.newBuilder().setTimeoutAt(timestamp(at)).build();
    });
  }

  @Override
  public void releaseSlot(ReleaseSlotRequest req, StreamObserver<ReleaseSlotResponse> out) {
    GrpcErrors.unary("ReleaseSlot", out, () -> {
      scheduler.releaseSlot(req.getTaskRunExternalId());
      return ReleaseSlotResponse.getDefaultInstance();
    });
  }

  @Override
  public void restoreEvictedTask(RestoreEvictedTaskRequest req, StreamObserver<RestoreEvictedTaskResponse> out) {
    GrpcErrors.unary("RestoreEvictedTask", out, () -> {
      return RestoreEvictedTaskResponse.newBuilder()
          .setRequeued(scheduler.durable().restore(req.getTaskRunExternalId())).build();
    });
  }

  @Override
  public void upsertWorkerLabels(UpsertWorkerLabelsRequest req, StreamObserver<UpsertWorkerLabelsResponse> out) {
    GrpcErrors.unary("UpsertWorkerLabels", out, () -> {
      scheduler.upsertLabels(req.getWorkerId(), labels(req.getLabelsMap()));
      return UpsertWorkerLabelsResponse.newBuilder().setTenantId(scheduler.tenantId()).setWorkerId(req.getWorkerId())
          .build();
    });
  }

  static Timestamp timestamp(long millis) {
    return Timestamp.newBuilder().setSeconds(Math.floorDiv(millis, 1000))
        .setNanos((int) Math.floorMod(millis, 1000) * 1_000_000).build();
  }

  private static Map<String, String> labels(Map<String, WorkerLabels> in) {
    Map<String, String> out = new LinkedHashMap<>();
    in.forEach((k, v) -> out.put(k, v.hasStrValue() ? v.getStrValue() : v.hasIntValue() ? String.valueOf(v.getIntValue())
        : ""));
    return out;
  }
}
