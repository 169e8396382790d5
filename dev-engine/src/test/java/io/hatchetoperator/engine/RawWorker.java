package io.hatchetoperator.engine;

import io.grpc.CallCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import io.hatchetoperator.proto.dispatcher.ActionType;
import io.hatchetoperator.proto.dispatcher.AssignedAction;
import io.hatchetoperator.proto.dispatcher.DispatcherGrpc;
import io.hatchetoperator.proto.dispatcher.HeartbeatRequest;
import io.hatchetoperator.proto.dispatcher.StepActionEvent;
import io.hatchetoperator.proto.dispatcher.StepActionEventType;
import io.hatchetoperator.proto.dispatcher.WorkerListenRequest;
import io.hatchetoperator.proto.dispatcher.WorkerRegisterRequest;
import io.hatchetoperator.proto.v1.AdminServiceGrpc;
import io.hatchetoperator.proto.v1.CreateTaskOpts;
import io.hatchetoperator.proto.v1.CreateWorkflowVersionRequest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A minimal worker speaking the raw protocol (no SDK): registers tasks, listens, heartbeats every 4 s and answers each
 * assigned task with STARTED, then {@code behaviour(input payload)} (a JSON output, or null to fail), as SDKs do.
 * For engine tests and load.
 */
final class RawWorker implements AutoCloseable {

  /** A behaviour's answer that sends nothing: the task stays running (behaviours run on the I/O thread, never block). */
  static final String SILENT = "<silent>";

  final ManagedChannel channel;
  final String workerId;
  final ConcurrentLinkedQueue<AssignedAction> received = new ConcurrentLinkedQueue<>();
  private final DispatcherGrpc.DispatcherStub async;
  private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor();

  RawWorker(DevEngine engine, String name, int slots, Map<String, Function<String, String>> tasks) {
    channel = channel(engine);
    CallCredentials creds = bearer(engine.token());
    AdminServiceGrpc.AdminServiceBlockingStub admin = AdminServiceGrpc.newBlockingStub(channel).withCallCredentials(creds);
    for (String task : tasks.keySet()) {
      admin.putWorkflow(CreateWorkflowVersionRequest.newBuilder().setName(task).addTasks(CreateTaskOpts.newBuilder()
          .setReadableId(task).setAction(task + ":" + task).setTimeout("30s").putSlotRequests("default", 1)).build());
    }
    DispatcherGrpc.DispatcherBlockingStub blocking = DispatcherGrpc.newBlockingStub(channel).withCallCredentials(creds);
    async = DispatcherGrpc.newStub(channel).withCallCredentials(creds);
    workerId = blocking.register(WorkerRegisterRequest.newBuilder().setWorkerName(name)
        .addAllActions(tasks.keySet().stream().map(t -> t + ":" + t).toList()).putSlotConfig("default", slots).build())
        .getWorkerId();
    async.listenV2(WorkerListenRequest.newBuilder().setWorkerId(workerId).build(), new StreamObserver<>() {
      @Override
      public void onNext(AssignedAction a) {
        received.add(a);
        if (a.getActionType() == ActionType.START_STEP_RUN) {
          send(a, StepActionEventType.STEP_EVENT_TYPE_STARTED, "");
          String task = a.getActionId().substring(0, a.getActionId().indexOf(':'));
          String out = tasks.get(task).apply(a.getActionPayload());
          if (SILENT.equals(out)) {
            return;
          }
          send(a, out == null ? StepActionEventType.STEP_EVENT_TYPE_FAILED : StepActionEventType.STEP_EVENT_TYPE_COMPLETED,
              out == null ? "raw worker failure" : out);
        }
      }

      @Override
      public void onError(Throwable t) {}

      @Override
      public void onCompleted() {}
    });
    heartbeats.scheduleAtFixedRate(() -> {
      try {
        blocking.heartbeat(HeartbeatRequest.newBuilder().setWorkerId(workerId).build());
      } catch (RuntimeException ignored) {
        // the engine is gone or the stream is not up yet: next beat
      }
    }, 0, 4, TimeUnit.SECONDS);
  }

  /** Sends a task event the way SDKs do (fire and forget). */
  void send(AssignedAction a, StepActionEventType type, String payload) {
    async.sendStepActionEvent(StepActionEvent.newBuilder().setWorkerId(workerId).setTaskRunExternalId(
        a.getTaskRunExternalId()).setActionId(a.getActionId()).setEventType(type).setEventPayload(payload)
        .setRetryCount(a.getRetryCount()).build(), new StreamObserver<>() {
          @Override
          public void onNext(io.hatchetoperator.proto.dispatcher.ActionEventResponse r) {}

          @Override
          public void onError(Throwable t) {}

          @Override
          public void onCompleted() {}
        });
  }

  List<AssignedAction> received() {
    return List.copyOf(received);
  }

  /**
   * Ephemeral settings whose heartbeat timeout (15 s) tolerates a 4 s heartbeat delayed by a busy shared machine;
   * the 5 s rule itself is tested on a hand-moved clock in the core tests.
   */
  static DevEngineSettings tolerantSettings() {
    return DevEngineSettings.ephemeral().withTimings(new io.hatchetoperator.engine.core.EngineTimings(
        java.time.Duration.ofSeconds(15), java.time.Duration.ofSeconds(30), java.time.Duration.ofMinutes(30),
        java.time.Duration.ofHours(1), 200_000));
  }

  static ManagedChannel channel(DevEngine engine) {
    return NettyChannelBuilder.forAddress("127.0.0.1", engine.grpcPort()).usePlaintext().directExecutor()
        .keepAliveTime(10, TimeUnit.SECONDS).keepAliveWithoutCalls(true).build();
  }

  static CallCredentials bearer(String token) {
    return new CallCredentials() {
      @Override
      public void applyRequestMetadata(RequestInfo info, Executor executor, MetadataApplier applier) {
        Metadata m = new Metadata();
        m.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "bearer " + token);
        applier.apply(m);
      }
    };
  }

  @Override
  public void close() {
    heartbeats.shutdownNow();
    channel.shutdownNow();
  }
}
