package io.hatchetoperator.worker.client;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.hatchetoperator.proto.dispatcher.StepRunResult;
import io.hatchetoperator.proto.dispatcher.SubscribeToWorkflowRunsRequest;
import io.hatchetoperator.proto.dispatcher.WorkflowRunEvent;
import io.hatchetoperator.worker.TaskFailedException;
import io.hatchetoperator.worker.TaskFailure;
import io.hatchetoperator.worker.RunResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one shared {@code SubscribeToWorkflowRuns} stream of a client (protocol §9): each awaited run
 * id is sent once, and each FINISHED event completes the future kept under that id. When the stream
 * breaks it is reopened with backoff and every pending id is sent again.
 */
final class RunSubscriptions {
  private static final Logger LOG = LoggerFactory.getLogger(RunSubscriptions.class);

  private final EngineStubs stubs;
  private final ScheduledExecutorService scheduler;
  private final Map<String, CompletableFuture<RunResult>> pending = new ConcurrentHashMap<>();
  private StreamObserver<SubscribeToWorkflowRunsRequest> requests; // guarded by this
  private Events current; // guarded by this: the observer of the open stream
  private volatile int failures;
  private boolean closed; // guarded by this

  RunSubscriptions(EngineStubs stubs, ScheduledExecutorService scheduler) {
    this.stubs = stubs;
    this.scheduler = scheduler;
  }

  /** The result of {@code runId}; the future fails with {@link TaskFailedException} if a task failed. */
  CompletableFuture<RunResult> await(String runId) {
    CompletableFuture<RunResult> created = new CompletableFuture<>();
    CompletableFuture<RunResult> existing = pending.putIfAbsent(runId, created);
    if (existing != null) {
      return existing;
    }
    send(List.of(runId));
    return created;
  }

  int pendingCount() {
    return pending.size();
  }

  private synchronized void send(List<String> runIds) {
    if (closed) {
      return;
    }
    if (requests == null) {
      current = new Events();
      requests = stubs.dispatcher().subscribeToWorkflowRuns(current);
    }
    for (String id : runIds) {
      requests.onNext(SubscribeToWorkflowRunsRequest.newBuilder().setWorkflowRunId(id).build());
    }
  }

  private void finished(WorkflowRunEvent event) {
    CompletableFuture<RunResult> future = pending.remove(event.getWorkflowRunId());
    if (future == null) {
      return;
    }
    Map<String, String> outputs = new LinkedHashMap<>();
    List<TaskFailure> errors = new ArrayList<>();
    for (StepRunResult r : event.getResultsList()) {
      if (r.hasError()) {
        errors.add(TaskFailure.parse(r.getTaskName(), r.getError()));
      } else {
        outputs.put(r.getTaskName(), r.hasOutput() ? r.getOutput() : "");
      }
    }
    if (errors.isEmpty()) {
      future.complete(new RunResult(event.getWorkflowRunId(), outputs));
    } else {
      future.completeExceptionally(new TaskFailedException(event.getWorkflowRunId(), errors));
    }
  }

  private synchronized void broken(Events source, Throwable error) {
    if (source != current) {
      return;
    }
    requests = null;
    current = null;
    if (closed || pending.isEmpty()) {
      return;
    }
    long delayMs = Math.min(5000, 100L << Math.min(failures++, 6));
    LOG.warn("run subscription stream ended ({}); resubscribing {} runs in {} ms",
        error == null ? "completed" : Status.fromThrowable(error).getCode(), pending.size(), delayMs);
    scheduler.schedule(() -> send(List.copyOf(pending.keySet())), delayMs, TimeUnit.MILLISECONDS);
  }

  synchronized void close() {
    closed = true;
    if (requests != null) {
      requests.onError(Status.CANCELLED.withDescription("client closed").asRuntimeException());
      requests = null;
    }
    pending.values().forEach(f -> f.completeExceptionally(
        new IllegalStateException("the Hatchet client was closed before the run finished")));
    pending.clear();
  }

  private final class Events implements StreamObserver<WorkflowRunEvent> {
    @Override
    public void onNext(WorkflowRunEvent event) {
      failures = 0;
      finished(event);
    }

    @Override
    public void onError(Throwable t) {
      broken(this, t);
    }

    @Override
    public void onCompleted() {
      broken(this, null);
    }
  }
}
