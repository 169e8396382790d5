package io.hatchetoperator.worker.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import com.google.protobuf.Timestamp;
import io.hatchetoperator.proto.events.PushEventRequest;
import io.hatchetoperator.proto.v1.CancelTasksRequest;
import io.hatchetoperator.proto.v1.GetRunDetailsRequest;
import io.hatchetoperator.proto.v1.GetRunDetailsResponse;
import io.hatchetoperator.proto.v1.TaskRunDetail;
import io.hatchetoperator.proto.v1.TriggerWorkflowRequest;
import io.hatchetoperator.proto.workflows.BulkTriggerWorkflowRequest;
import io.hatchetoperator.proto.workflows.ScheduleWorkflowRequest;
import io.hatchetoperator.worker.RunCancelledException;
import io.hatchetoperator.worker.RunDetails;
import io.hatchetoperator.worker.RunOptions;
import io.hatchetoperator.worker.RunResult;
import io.hatchetoperator.worker.Workflow;
import io.hatchetoperator.worker.config.HatchetSettings;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The client side of Hatchet: trigger runs by name or declaration (alone or in bulk), await their
 * results over one shared subscription stream, read run details, cancel, push events. Thread-safe;
 * one per {@link io.hatchetoperator.worker.Hatchet}. Names are namespaced as the SDKs do.
 */
public final class HatchetClient implements AutoCloseable {

  private final HatchetSettings settings;
  private final EngineStubs stubs;
  private final ScheduledExecutorService scheduler;
  private final RunSubscriptions subscriptions;
  private final ObjectMapper mapper;

  public HatchetClient(HatchetSettings settings, ChannelFactory channels) {
    this(settings, channels, Json.MAPPER);
  }

  /** A client writing inputs and payloads with {@code mapper}. */
  public HatchetClient(HatchetSettings settings, ChannelFactory channels, ObjectMapper mapper) {
    this.settings = settings;
    this.mapper = mapper;
    this.stubs = new EngineStubs(channels.open(settings), settings.token());
    this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "hatchet-client-scheduler");
      t.setDaemon(true);
      return t;
    });
    this.subscriptions = new RunSubscriptions(stubs, scheduler);
  }

  /** Triggers {@code workflowName} with {@code input} (any Jackson-writable value); completes with the run id. */
  public CompletableFuture<String> triggerAsync(String workflowName, Object input) {
    return triggerAsync(workflowName, input, RunOptions.NONE);
  }

  /** Triggers with a priority and additional metadata; completes with the run id. */
  public CompletableFuture<String> triggerAsync(String workflowName, Object input, RunOptions options) {
    return call("triggering workflow '" + workflowName + "'", stubs.workflows()
        .withDeadlineAfter(rpcMillis(), TimeUnit.MILLISECONDS)
        .triggerWorkflow(request(workflowName, input, options)), r -> r.getWorkflowRunId());
  }

  /** Creates or updates the static rate limit {@code key}: {@code limit} units per {@code window}. */
  public void putRateLimit(String key, int limit, io.hatchetoperator.worker.RateLimit.Window window) {
    join(call("creating rate limit '" + key + "'", stubs.workflows().withDeadlineAfter(rpcMillis(), TimeUnit.MILLISECONDS)
        .putRateLimit(io.hatchetoperator.proto.workflows.PutRateLimitRequest.newBuilder().setKey(key).setLimit(limit)
            .setDuration(io.hatchetoperator.proto.workflows.RateLimitDuration.valueOf(window.name())).build()),
        r -> r));
  }

  /** Starts one run of {@code workflowName} at each of {@code at} on the engine's clock; returns the schedule ids. */
  public List<String> schedule(String workflowName, List<Instant> at, Object input, RunOptions options) {
    ScheduleWorkflowRequest.Builder request = ScheduleWorkflowRequest.newBuilder()
        .setName(settings.namespaced(workflowName))
        .setInput(json("input of workflow '" + workflowName + "'", input));
    at.forEach(t -> request.addSchedules(Timestamp.newBuilder().setSeconds(t.getEpochSecond()).setNanos(t.getNano())));
    if (options.priority() != null) {
      request.setPriority(options.priority());
    }
    if (!options.additionalMetadata().isEmpty()) {
      request.setAdditionalMetadata(json("additional metadata", options.additionalMetadata()));
    }
    return join(call("scheduling workflow '" + workflowName + "'", stubs.workflows()
        .withDeadlineAfter(rpcMillis(), TimeUnit.MILLISECONDS).scheduleWorkflow(request.build()),
        v -> v.getScheduledWorkflowsList().stream().map(s -> s.getId()).toList()));
  }

  public String trigger(String workflowName, Object input) {
    return join(triggerAsync(workflowName, input));
  }

  public String trigger(Workflow workflow, Object input) {
    return trigger(workflow.name(), input);
  }

  /** Triggers one run per input in one call; returns the run ids in input order. */
  public List<String> triggerBulk(String workflowName, List<?> inputs) {
    return triggerBulk(workflowName, inputs, java.util.Collections.nCopies(inputs.size(), RunOptions.NONE));
  }

  /** Triggers one run per input, each with its options (same size as {@code inputs}); run ids in input order. */
  public List<String> triggerBulk(String workflowName, List<?> inputs, List<RunOptions> options) {
    if (options.size() != inputs.size()) {
      throw new IllegalArgumentException(inputs.size() + " inputs but " + options.size() + " run options for workflow '"
          + workflowName + "': give one RunOptions per input");
    }
    BulkTriggerWorkflowRequest.Builder bulk = BulkTriggerWorkflowRequest.newBuilder();
    for (int i = 0; i < inputs.size(); i++) {
      bulk.addWorkflows(request(workflowName, inputs.get(i), options.get(i)));
    }
    return join(call("triggering " + inputs.size() + " runs of workflow '" + workflowName + "'",
        stubs.workflows().withDeadlineAfter(rpcMillis(), TimeUnit.MILLISECONDS).bulkTriggerWorkflow(bulk.build()),
        r -> List.copyOf(r.getWorkflowRunIdsList())));
  }

  /**
   * Completes when the run finishes; fails with {@link io.hatchetoperator.worker.TaskFailedException} if a task
   * failed, or {@link RunCancelledException} if the engine reports the run CANCELLED ({@code GetRunDetails}, read
   * only on failure: the subscription's results do not tell a cancellation from a failure).
   */
  public CompletableFuture<RunResult> result(String runId) {
    return subscriptions.await(runId).exceptionallyCompose(error -> {
      if (!(error instanceof io.hatchetoperator.worker.TaskFailedException failed)) {
        return CompletableFuture.failedFuture(error);
      }
      return call("reading run " + runId, stubs.adminFuture().withDeadlineAfter(rpcMillis(), TimeUnit.MILLISECONDS)
          .getRunDetails(GetRunDetailsRequest.newBuilder().setExternalId(runId).build()), r -> r.getStatus())
          .handle((status, e) -> {
            if (status == io.hatchetoperator.proto.v1.RunStatus.CANCELLED) {
              throw new RunCancelledException(runId, failed.failures());
            }
            throw failed;
          });
    });
  }

  /** Triggers and awaits. */
  public CompletableFuture<RunResult> run(String workflowName, Object input) {
    return triggerAsync(workflowName, input).thenCompose(this::result);
  }

  public CompletableFuture<RunResult> run(Workflow workflow, Object input) {
    return run(workflow.name(), input);
  }

  /** The run's status, input and task runs ({@code GetRunDetails}). */
  public RunDetails runDetails(String runId) {
    GetRunDetailsResponse r;
    try {
      r = stubs.admin().withDeadlineAfter(rpcMillis(), TimeUnit.MILLISECONDS)
          .getRunDetails(GetRunDetailsRequest.newBuilder().setExternalId(runId).build());
    } catch (RuntimeException e) {
      throw EngineErrors.translate("reading run " + runId, e);
    }
    Map<String, RunDetails.TaskRun> tasks = new LinkedHashMap<>();
    for (Map.Entry<String, TaskRunDetail> e : r.getTaskRunsMap().entrySet()) {
      TaskRunDetail t = e.getValue();
      tasks.put(e.getKey(), new RunDetails.TaskRun(t.getExternalId(), t.getStatus().name(),
          t.hasOutput() ? t.getOutput().toStringUtf8() : null, t.hasError() ? t.getError() : null));
    }
    return new RunDetails(runId, r.getStatus().name(), r.getDone(), r.getInput().toStringUtf8(), tasks);
  }

  /** Cancels runs or task runs by external id ({@code CancelTasks}); returns the ids the engine cancelled. */
  public List<String> cancel(List<String> externalIds) {
    try {
      return List.copyOf(stubs.admin().withDeadlineAfter(rpcMillis(), TimeUnit.MILLISECONDS)
          .cancelTasks(CancelTasksRequest.newBuilder().addAllExternalIds(externalIds).build())
          .getCancelledTasksList());
    } catch (RuntimeException e) {
      throw EngineErrors.translate("cancelling " + externalIds, e);
    }
  }

  /** Pushes an event (its key namespaced); returns the event id. */
  public String push(String key, Object payload) {
    Instant now = Instant.now();
    PushEventRequest request = PushEventRequest.newBuilder()
        .setKey(settings.namespaced(key))
        .setPayload(json("payload of event '" + key + "'", payload))
        .setEventTimestamp(Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()))
        .build();
    return join(call("pushing event '" + key + "'",
        stubs.events().withDeadlineAfter(rpcMillis(), TimeUnit.MILLISECONDS).push(request), e -> e.getEventId()));
  }

  /**
   * Calls {@code onChunk} with each chunk the tasks of run {@code runId} stream from now on
   * ({@code SubscribeToWorkflowEvents}, events of type STREAM); chunks sent before the subscription are not
   * replayed. Close the returned handle to stop; it ends by itself when the engine hangs up.
   */
  public AutoCloseable stream(String runId, java.util.function.Consumer<String> onChunk) {
    return RunStreams.subscribe(stubs, runId, onChunk);
  }

  /** Runs awaited now and not yet finished. */
  public int pendingResults() {
    return subscriptions.pendingCount();
  }

  @Override
  public void close() {
    subscriptions.close();
    scheduler.shutdownNow();
    stubs.close();
  }

  private TriggerWorkflowRequest request(String workflowName, Object input, RunOptions options) {
    TriggerWorkflowRequest.Builder request = TriggerWorkflowRequest.newBuilder()
        .setName(settings.namespaced(workflowName))
        .setInput(json("input of workflow '" + workflowName + "'", input));
    if (options.priority() != null) {
      request.setPriority(options.priority());
    }
    if (!options.additionalMetadata().isEmpty()) {
      request.setAdditionalMetadata(json("additional metadata", options.additionalMetadata()));
    }
    RunOptions.ChildOf parent = options.parent();
    if (parent != null) {
      request.setParentId(parent.parentRunId()).setParentTaskRunExternalId(parent.parentTaskRunId())
          .setChildIndex(parent.childIndex());
      if (parent.childKey() != null) {
        request.setChildKey(parent.childKey());
      }
    }
    return request.build();
  }

  /** The instance's JSON mapper (inputs, outputs, payloads). */
  public ObjectMapper mapper() {
    return mapper;
  }

  /** Waits for {@code future}; a failure is thrown as the SDK's exception, never wrapped. */
  public static <T> T join(CompletableFuture<T> future) {
    try {
      return future.join();
    } catch (java.util.concurrent.CompletionException | java.util.concurrent.CancellationException e) {
      throw EngineErrors.translate("the request", e);
    }
  }

  private String json(String what, Object value) {
    try {
      return value == null ? "{}" : mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(what + " cannot be written as JSON ("
          + e.getOriginalMessage() + "): pass a record, a map or another Jackson-writable value", e);
    }
  }

  private long rpcMillis() {
    return settings.timing().rpcTimeout().toMillis();
  }

  private static <R, T> CompletableFuture<T> call(String what, ListenableFuture<R> future, Function<R, T> map) {
    CompletableFuture<T> result = new CompletableFuture<>();
    future.addListener(() -> {
      try {
        result.complete(map.apply(future.get()));
      } catch (java.util.concurrent.ExecutionException e) {
        result.completeExceptionally(EngineErrors.translate(what, e.getCause()));
      } catch (Exception e) {
        result.completeExceptionally(e);
      }
    }, MoreExecutors.directExecutor());
    return result;
  }

}
