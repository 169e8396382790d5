package io.hatchetoperator.worker.runtime;

import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.hatchetoperator.proto.v1.DurableTaskRequest;
import io.hatchetoperator.proto.v1.DurableTaskRequestRegisterWorker;
import io.hatchetoperator.proto.v1.DurableTaskResponse;
import io.hatchetoperator.proto.v1.DurableTaskWorkerStatusRequest;
import io.hatchetoperator.worker.client.EngineStubs;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's one {@code V1Dispatcher.DurableTask} stream, opened at the first durable call: register_worker
 * first, then the requests of durable tasks; every {@code statusInterval} while entries are awaited, and at once
 * after each (re)connect, a worker_status listing them, so the engine (re)delivers their completions to this
 * stream (it routes by the task ids a stream has sent; {@code DurableTask} in {@code
 * internal/services/dispatcher/server_v1.go}). A lost stream is reopened after {@code reconnectDelay}; requests
 * made meanwhile wait and go first on the new stream. The Go and TypeScript SDKs do the same
 * ({@code pkg/client/durable_task_listener.go}, {@code durable-listener-client.js}).
 */
final class DurableStream implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DurableStream.class);
  /** How often awaited entries are reported, as Hatchet's Go and TypeScript SDKs do (1 s). */
  static final Duration STATUS_INTERVAL = Duration.ofSeconds(1);

  private final EngineStubs stubs;
  private final ScheduledExecutorService control;
  private final Supplier<String> workerId;
  private final Duration reconnectDelay;
  private final Duration statusInterval;
  final DurableWaits waits;
  private final Queue<DurableTaskRequest> unsent = new ArrayDeque<>();
  private ClientCallStreamObserver<DurableTaskRequest> call; // guarded by this; null while disconnected
  private String registeredAs; // guarded by this
  private ScheduledFuture<?> poll;
  private boolean started;
  private boolean closed;

  DurableStream(EngineStubs stubs, ScheduledExecutorService control, Supplier<String> workerId,
      Duration reconnectDelay, Duration statusInterval, DurableWaits waits) {
    this.stubs = stubs;
    this.control = control;
    this.workerId = workerId;
    this.reconnectDelay = reconnectDelay;
    this.statusInterval = statusInterval;
    this.waits = waits;
  }

  /** Sends {@code request}, opening the stream on first use; while reconnecting it waits for the new stream. */
  synchronized void send(DurableTaskRequest request) {
    if (closed) {
      throw new io.hatchetoperator.worker.EngineUnavailableException("the worker is stopping: no durable call", null);
    }
    if (!started) {
      started = true;
      connect();
      poll = control.scheduleWithFixedDelay(this::reportWaiting, statusInterval.toMillis(),
          statusInterval.toMillis(), TimeUnit.MILLISECONDS);
    }
    if (call == null) {
      unsent.add(request);
    } else {
      call.onNext(request);
    }
  }

  /**
   * Asks the engine to evict {@code invocation} (it gives the run's slot back and queues the run again once its wait
   * is satisfied, to replay on some worker) and waits up to {@code timeout} for the ack; true if acknowledged.
   */
  boolean evict(DurableWaits.Invocation invocation, String reason, Duration timeout) {
    var ack = waits.expectEvictionAck(invocation);
    send(DurableTaskRequest.newBuilder().setEvictInvocation(
        io.hatchetoperator.proto.v1.DurableTaskEvictInvocationRequest.newBuilder()
            .setInvocationCount(invocation.invocationCount())
            .setDurableTaskExternalId(invocation.taskRunExternalId()).setReason(reason)).build());
    try {
      ack.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      LOG.warn("the engine did not acknowledge the eviction of task run {} (invocation {}): {}",
          invocation.taskRunExternalId(), invocation.invocationCount(), e.getCause() == null ? e : e.getCause());
      return false;
    }
  }

  /** Reports the awaited entries now (after a wait began, or on the poll). */
  synchronized void reportWaiting() {
    if (call == null || closed) {
      return;
    }
    String id = workerId.get();
    if (!id.equals(registeredAs)) { // the worker registered again: the engine knows it by its new id
      registeredAs = id;
      call.onNext(register(id));
    }
    var waiting = waits.waiting();
    if (!waiting.isEmpty()) {
      call.onNext(DurableTaskRequest.newBuilder().setWorkerStatus(DurableTaskWorkerStatusRequest.newBuilder()
          .setWorkerId(id).addAllWaitingEntries(waiting)).build());
    }
  }

  private synchronized void connect() {
    if (closed) {
      return;
    }
    Observer observer = new Observer();
    stubs.v1Dispatcher().durableTask(observer); // calls beforeStart first, handing over the request side
    registeredAs = workerId.get();
    observer.requests.onNext(register(registeredAs));
    while (!unsent.isEmpty()) {
      observer.requests.onNext(unsent.poll());
    }
    call = observer.requests;
    reportWaiting();
  }

  /** The responses of one stream; a loss of any but the current stream is ignored. */
  private final class Observer implements ClientResponseObserver<DurableTaskRequest, DurableTaskResponse> {
    private ClientCallStreamObserver<DurableTaskRequest> requests;

    @Override
    public void beforeStart(ClientCallStreamObserver<DurableTaskRequest> requests) {
      this.requests = requests;
    }

    @Override
    public void onNext(DurableTaskResponse response) {
      waits.onResponse(response);
    }

    @Override
    public void onError(Throwable t) {
      lost(requests, io.grpc.Status.fromThrowable(t).toString());
    }

    @Override
    public void onCompleted() {
      lost(requests, "the engine ended the stream");
    }
  }

  private void lost(ClientCallStreamObserver<DurableTaskRequest> which, String why) {
    synchronized (this) {
      if (call != which || closed) {
        return;
      }
      call = null;
    }
    LOG.warn("durable task stream lost ({}); reconnecting in {} ms", why, reconnectDelay.toMillis());
    waits.disconnected(why);
    control.schedule(this::connect, reconnectDelay.toMillis(), TimeUnit.MILLISECONDS);
  }

  private static DurableTaskRequest register(String workerId) {
    return DurableTaskRequest.newBuilder()
        .setRegisterWorker(DurableTaskRequestRegisterWorker.newBuilder().setWorkerId(workerId)).build();
  }

  /** Ends the stream; every durable call still waiting fails. */
  @Override
  public void close() {
    ClientCallStreamObserver<DurableTaskRequest> last;
    synchronized (this) {
      closed = true;
      last = call;
      call = null;
      if (poll != null) {
        poll.cancel(false);
      }
    }
    waits.close("the worker stopped");
    if (last != null) {
      try {
        last.cancel("the worker stopped", null); // at once: a half-close would hold the channel's shutdown open
      } catch (RuntimeException e) {
        LOG.debug("closing the durable task stream: {}", e.toString());
      }
    }
  }
}
