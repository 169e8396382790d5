package io.hatchetoperator.worker.runtime;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.hatchetoperator.proto.dispatcher.AssignedAction;
import io.hatchetoperator.proto.dispatcher.WorkerListenRequest;
import io.hatchetoperator.worker.WorkerState;
import io.hatchetoperator.worker.client.EngineStubs;
import io.hatchetoperator.worker.health.WorkerMetrics;
import java.util.OptionalLong;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a worker connected: registers when it has no valid worker id, holds the ListenV2 stream
 * (Listen if ListenV2 is UNIMPLEMENTED), runs the {@link Heartbeater}, and on a broken stream or a
 * rejected heartbeat reconnects with the {@link ReconnectPolicy}'s backoff until it gives up.
 * All state changes run on the worker's single control thread.
 */
final class ActionListener {
  private static final Logger LOG = LoggerFactory.getLogger(ActionListener.class);

  /** What the listener tells its worker; called on gRPC or control threads. */
  interface Callbacks {
    void onAction(AssignedAction action);

    void onState(WorkerState state, String workerId);

    void onGiveUp(int failures, String lastError);
  }

  private final Registrar registrar;
  private final EngineStubs stubs;
  private final ScheduledExecutorService control;
  private final ReconnectPolicy policy;
  private final WorkerMetrics metrics;
  private final Callbacks callbacks;
  private final Heartbeater heartbeater;
  private volatile String workerId;
  private boolean reRegister;
  private boolean legacyListen;
  private volatile boolean listening = true;
  private boolean reconnectPending;
  private volatile Stream current;

  ActionListener(Registrar registrar, EngineStubs stubs, ScheduledExecutorService control,
      ReconnectPolicy policy, WorkerMetrics metrics, HeartbeaterFactory heartbeats, Callbacks callbacks) {
    this.registrar = registrar;
    this.stubs = stubs;
    this.control = control;
    this.policy = policy;
    this.metrics = metrics;
    this.callbacks = callbacks;
    this.heartbeater = heartbeats.create(() -> workerId, code -> onControl(() -> rejected(code)));
  }

  /** Builds the heartbeater once the listener can receive its rejections. */
  interface HeartbeaterFactory {
    Heartbeater create(java.util.function.Supplier<String> workerId,
        java.util.function.Consumer<Status.Code> onRejected);
  }

  void start() {
    onControl(this::connect);
  }

  String workerId() {
    return workerId;
  }

  /** Closes the assignment stream for good; heartbeats go on so running tasks keep their slots. */
  void stopListening() {
    listening = false;
    runOnControlAndWait(() -> cancelStream("worker stopped listening"));
  }

  /** Stops heartbeats too. */
  void stop() {
    stopListening();
    heartbeater.stop();
  }

  private void connect() {
    reconnectPending = false;
    if (!listening) {
      return;
    }
    try {
      if (workerId == null || reRegister) {
        workerId = registrar.register();
        reRegister = false;
        LOG.info("registered worker {}", workerId);
      }
      if (!listening) {
        return;
      }
      current = new Stream();
      WorkerListenRequest request = WorkerListenRequest.newBuilder().setWorkerId(workerId).build();
      if (legacyListen) {
        stubs.dispatcher().listen(request, current);
      } else {
        stubs.dispatcher().listenV2(request, current);
      }
      policy.connected(System.currentTimeMillis());
      heartbeater.start();
      callbacks.onState(WorkerState.LISTENING, workerId);
    } catch (StatusRuntimeException e) {
      LOG.warn("connecting to the engine failed: {}", describe(e.getStatus()));
      if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
        reRegister = true;
      }
      retry(describe(e.getStatus()));
    }
  }

  private void streamEnded(Stream stream, Status status) {
    if (stream != current || !listening) {
      return;
    }
    current = null;
    if (status != null && status.getCode() == Status.Code.UNIMPLEMENTED && !legacyListen) {
      LOG.warn("engine does not implement ListenV2; falling back to Listen");
      legacyListen = true;
      connect();
      return;
    }
    if (status != null && (status.getCode() == Status.Code.NOT_FOUND
        || status.getCode() == Status.Code.INVALID_ARGUMENT)) {
      reRegister = true;
    }
    String why = status == null ? "the engine ended the stream" : describe(status);
    LOG.warn("assignment stream broke: {}", why);
    retry(why);
  }

  private void rejected(Status.Code code) {
    if (!listening || reconnectPending) {
      return;
    }
    LOG.warn("engine rejected a heartbeat ({}); reconnecting", code);
    if (code == Status.Code.NOT_FOUND) {
      reRegister = true;
    }
    cancelStream("heartbeat rejected");
    retry("heartbeat rejected: " + code);
  }

  private void retry(String lastError) {
    metrics.reconnected();
    OptionalLong delay = policy.nextDelayMillis(System.currentTimeMillis());
    if (delay.isEmpty()) {
      listening = false;
      heartbeater.stop();
      callbacks.onGiveUp(policy.failures() - 1, lastError);
      return;
    }
    callbacks.onState(WorkerState.RECONNECTING, workerId);
    reconnectPending = true;
    LOG.info("reconnecting in {} ms (attempt {})", delay.getAsLong(), policy.failures());
    control.schedule(this::connect, delay.getAsLong(), TimeUnit.MILLISECONDS);
  }

  private void cancelStream(String why) {
    Stream stream = current;
    current = null;
    if (stream != null && stream.call != null) {
      stream.call.cancel(why, null);
    }
  }

  private void onControl(Runnable action) {
    try {
      control.execute(action);
    } catch (RejectedExecutionException e) {
      LOG.debug("worker stopped; ignoring a late listener event");
    }
  }

  private void runOnControlAndWait(Runnable action) {
    try {
      control.submit(action).get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.debug("could not run on the control thread: {}", e.toString());
    }
  }

  private static String describe(Status status) {
    String detail = null;
    for (Throwable c = status.getCause(); c != null; c = c.getCause()) {
      detail = c.getMessage() != null ? c.getMessage() : detail;
    }
    return status.getCode() + (status.getDescription() == null ? "" : " " + status.getDescription())
        + (detail == null ? "" : " (" + detail + ")");
  }

  /** One ListenV2/Listen call; events from a stream that is no longer current are ignored. */
  private final class Stream implements ClientResponseObserver<WorkerListenRequest, AssignedAction> {
    private volatile ClientCallStreamObserver<WorkerListenRequest> call;

    @Override
    public void beforeStart(ClientCallStreamObserver<WorkerListenRequest> requestStream) {
      this.call = requestStream;
    }

    @Override
    public void onNext(AssignedAction action) {
      if (current == this) {
        callbacks.onAction(action);
      }
    }

    @Override
    public void onError(Throwable t) {
      onControl(() -> streamEnded(this, Status.fromThrowable(t)));
    }

    @Override
    public void onCompleted() {
      onControl(() -> streamEnded(this, null));
    }
  }
}
