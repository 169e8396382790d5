package io.hatchetoperator.worker.runtime;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.hatchetoperator.proto.dispatcher.AssignedAction;
import io.hatchetoperator.proto.dispatcher.WorkerListenRequest;
import io.hatchetoperator.worker.WorkerState;
import io.hatchetoperator.worker.client.EngineStubs;
import io.hatchetoperator.worker.config.HatchetSettings.TimingSettings;
import io.hatchetoperator.worker.health.WorkerMetrics;
import java.util.OptionalLong;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a worker connected: registers when it has no valid worker id, holds the ListenV2 stream
 * (Listen if ListenV2 is UNIMPLEMENTED), runs the {@link Heartbeater}, and reconnects with the
 * {@link ReconnectPolicy}'s backoff when the stream breaks, the engine rejects a heartbeat
 * (FAILED_PRECONDITION, NOT_FOUND) or N heartbeats in a row fail with any status: a half-open
 * connection is noticed long before the engine's 30 s reassignment. The stream counts as accepted,
 * and the worker as LISTENING, only once the engine acknowledged a heartbeat sent after the stream
 * opened (the engine answers FAILED_PRECONDITION for a worker whose listener is not active,
 * {@code internal/services/dispatcher/server.go} Heartbeat; ListenV2 sends no headers before the first
 * assignment) or sent an assignment on it. Credentials the engine refuses, or workflows it rejects as
 * invalid, stop the worker at once with the reason. While the worker drains, it only ever reconnects
 * with its current (paused) worker id, never as a new, unpaused worker. All state changes run on the
 * worker's single control thread.
 */
final class ActionListener {
  private static final Logger LOG = LoggerFactory.getLogger(ActionListener.class);

  /** What the listener tells its worker; called on gRPC or control threads. */
  interface Callbacks {
    void onAction(AssignedAction action);

    void onState(WorkerState state, String workerId);

    /** The worker cannot go on: reconnects exhausted, or the engine refuses it for good. */
    void onGiveUp(String why);
  }

  private final Registrar registrar;
  private final EngineStubs stubs;
  private final ScheduledExecutorService control;
  private final ReconnectPolicy policy;
  private final TimingSettings timing;
  private final WorkerMetrics metrics;
  private final Callbacks callbacks;
  private final Heartbeater heartbeater;
  private volatile String workerId;
  private boolean reRegister;
  private boolean legacyListen;
  private volatile boolean listening = true;
  private volatile boolean draining;
  private boolean reconnectPending;
  private volatile Stream current;

  ActionListener(Registrar registrar, EngineStubs stubs, ScheduledExecutorService control,
      ReconnectPolicy policy, TimingSettings timing, WorkerMetrics metrics, HeartbeaterFactory heartbeats,
      Callbacks callbacks) {
    this.registrar = registrar;
    this.stubs = stubs;
    this.control = control;
    this.policy = policy;
    this.timing = timing;
    this.metrics = metrics;
    this.callbacks = callbacks;
    this.heartbeater = heartbeats.create(() -> workerId, new Heartbeater.Listener() {
      @Override
      public void acknowledged(long sentNanos) {
        Stream stream = current;
        if (stream != null && !stream.accepted && sentNanos > stream.openedNanos) {
          onControl(() -> accepted(stream));
        }
      }

      @Override
      public void failed(Status status, int inARow) {
        onControl(() -> heartbeatFailed(status, inARow));
      }
    });
  }

  /** Builds the heartbeater once the listener can receive its outcomes. */
  interface HeartbeaterFactory {
    Heartbeater create(java.util.function.Supplier<String> workerId, Heartbeater.Listener listener);
  }

  void start() {
    onControl(this::connect);
  }

  String workerId() {
    return workerId;
  }

  /**
   * Whether the engine can give this worker work: its stream is open and accepted, and a heartbeat
   * was acknowledged within one interval plus one deadline (the engine stops assigning to a worker
   * after 5 s without one: {@code lastHeartbeatAt > now()-5s} in {@code pkg/repository/sqlcv1/queue.sql}).
   */
  boolean connected() {
    Stream stream = current;
    if (stream == null || !stream.accepted) {
      return false;
    }
    if (!heartbeater.running()) {
      return true;
    }
    long window = timing.heartbeatInterval().plus(timing.heartbeatTimeout()).toNanos();
    return System.nanoTime() - heartbeater.lastAckNanos() <= window;
  }

  /** From now on, reconnect only as the current worker id, which the drain paused in the engine. */
  void beginDrain() {
    draining = true;
  }

  /** Closes the assignment stream for good; heartbeats go on so running tasks keep their slots. */
  void stopListening() {
    listening = false;
    runOnControlAndWait(() -> cancelStream("worker stopped listening"));
  }

  /** Stops heartbeats too: the engine reassigns whatever still runs here after its heartbeat timeout. */
  void stop() {
    stopListening();
    heartbeater.stop();
  }

  private void connect() {
    reconnectPending = false;
    if (!listening) {
      return;
    }
    if (draining && (workerId == null || reRegister)) {
      LOG.warn("the engine no longer knows worker {} and the worker is draining: not registering a new, "
          + "unpaused worker; the engine reassigns the tasks still running here", workerId);
      listening = false;
      heartbeater.stop();
      return;
    }
    try {
      if (workerId == null || reRegister) {
        workerId = registrar.register();
        reRegister = false;
        LOG.info("registered worker {}", workerId);
      }
    } catch (StatusRuntimeException e) {
      Status status = e.getStatus();
      if (EventFailure.isFatal(status.getCode()) || status.getCode() == Status.Code.INVALID_ARGUMENT) {
        giveUp(EventFailure.isFatal(status.getCode()) ? EventFailure.fatalMessage("registering", status)
            : "the engine rejected the worker's registration as invalid (" + describe(status)
                + "): fix the workflow or task definition it names");
        return;
      }
      LOG.warn("registering with the engine failed: {}", describe(status));
      retry(describe(status));
      return;
    }
    Stream stream = new Stream();
    current = stream;
    WorkerListenRequest request = WorkerListenRequest.newBuilder().setWorkerId(workerId).build();
    try {
      if (legacyListen) {
        stubs.dispatcher().listen(request, stream);
      } else {
        stubs.dispatcher().listenV2(request, stream);
      }
    } catch (RuntimeException e) {
      streamEnded(stream, Status.fromThrowable(e));
      return;
    }
    heartbeater.start();
  }

  private void accepted(Stream stream) {
    if (stream != current || stream.accepted || !listening) {
      return;
    }
    stream.accepted = true;
    policy.connected(System.currentTimeMillis());
    LOG.info("engine accepted the assignment stream of worker {}", workerId);
    callbacks.onState(WorkerState.LISTENING, workerId);
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
    if (status != null && EventFailure.isFatal(status.getCode())) {
      giveUp(EventFailure.fatalMessage("listening for assignments", status));
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

  private void heartbeatFailed(Status status, int inARow) {
    if (!listening || reconnectPending) {
      return;
    }
    Status.Code code = status.getCode();
    if (EventFailure.isFatal(code)) {
      giveUp(EventFailure.fatalMessage("a heartbeat", status));
      return;
    }
    Stream stream = current;
    boolean settled = stream != null
        && System.nanoTime() - stream.openedNanos > timing.heartbeatInterval().toNanos();
    boolean rejected = (code == Status.Code.FAILED_PRECONDITION && settled) || code == Status.Code.NOT_FOUND;
    if (!rejected && inARow < timing.heartbeatMisses()) {
      return;
    }
    LOG.warn("{}; reconnecting", rejected ? "engine rejected a heartbeat (" + code + ")"
        : inARow + " heartbeats in a row failed (last: " + describe(status) + ")");
    if (code == Status.Code.NOT_FOUND) {
      reRegister = true;
    }
    cancelStream("heartbeats failing");
    retry("heartbeats failing: " + code);
  }

  private void retry(String lastError) {
    metrics.reconnected();
    OptionalLong delay = policy.nextDelayMillis(System.currentTimeMillis());
    if (delay.isEmpty()) {
      giveUp("worker gives up after " + (policy.failures() - 1) + " failed reconnects in a row "
          + "(HATCHET_WORKER_MAX_RECONNECTS); last error: " + lastError);
      return;
    }
    callbacks.onState(WorkerState.RECONNECTING, workerId);
    reconnectPending = true;
    LOG.info("reconnecting in {} ms (attempt {})", delay.getAsLong(), policy.failures());
    try {
      control.schedule(this::connect, delay.getAsLong(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      LOG.debug("worker stopped; not reconnecting");
    }
  }

  private void giveUp(String why) {
    listening = false;
    heartbeater.stop();
    cancelStream("worker gave up");
    callbacks.onGiveUp(why);
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

  static String describe(Status status) {
    String detail = null;
    for (Throwable c = status.getCause(); c != null; c = c.getCause()) {
      detail = c.getMessage() != null ? c.getMessage() : detail;
    }
    return status.getCode() + (status.getDescription() == null ? "" : " " + status.getDescription())
        + (detail == null ? "" : " (" + detail + ")");
  }

  /** One ListenV2/Listen call; events from a stream that is no longer current are ignored. */
  private final class Stream implements ClientResponseObserver<WorkerListenRequest, AssignedAction> {
    final long openedNanos = System.nanoTime();
    volatile boolean accepted;
    private volatile ClientCallStreamObserver<WorkerListenRequest> call;

    @Override
    public void beforeStart(ClientCallStreamObserver<WorkerListenRequest> requestStream) {
      this.call = requestStream;
    }

    @Override
    public void onNext(AssignedAction action) {
      if (current == this) {
        if (!accepted) {
          onControl(() -> accepted(this));
        }
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
