package io.hatchetoperator.worker.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import io.hatchetoperator.proto.dispatcher.AssignedAction;
import io.hatchetoperator.proto.dispatcher.RefreshTimeoutRequest;
import io.hatchetoperator.proto.dispatcher.ReleaseSlotRequest;
import io.hatchetoperator.worker.Context;
import io.hatchetoperator.worker.client.Json;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@link Context} of one task run, backed by its assignment and the worker's services. */
final class TaskContext implements Context {
  private static final Logger LOG = LoggerFactory.getLogger(TaskContext.class);

  private final AssignedAction action;
  private final Map<String, JsonNode> parents;
  private final Map<String, String> errors;
  private final ExecutionServices services;
  private final Runnable slotReleaser;
  private volatile boolean cancelled;
  private final java.util.concurrent.atomic.AtomicInteger childIndex = new java.util.concurrent.atomic.AtomicInteger();
  private final java.util.concurrent.atomic.AtomicLong streamIndex = new java.util.concurrent.atomic.AtomicLong();

  private final boolean durable;
  private final DurableCalls durableCalls;

  TaskContext(AssignedAction action, ActionPayload payload, ExecutionServices services,
      Runnable slotReleaser, boolean durable) {
    this.action = action;
    this.durable = durable;
    this.durableCalls = new DurableCalls(action, durable, services, () -> cancelled);
    this.parents = payload.parents();
    this.errors = payload.errors();
    this.services = services;
    this.slotReleaser = slotReleaser;
  }

  void markCancelled() {
    cancelled = true;
  }

  @Override
  public String workflowRunId() {
    return action.getWorkflowRunId();
  }

  @Override
  public String taskRunExternalId() {
    return action.getTaskRunExternalId();
  }

  @Override
  public String taskName() {
    return action.getTaskName();
  }

  @Override
  public java.util.Optional<String> parentWorkflowRunId() {
    return action.hasParentWorkflowRunId() && !action.getParentWorkflowRunId().isEmpty()
        ? java.util.Optional.of(action.getParentWorkflowRunId()) : java.util.Optional.empty();
  }

  @Override
  public boolean isDurable() {
    return durable;
  }

  @Override
  public Duration sleepFor(Duration duration) {
    return durableCalls.sleepFor(duration);
  }

  @Override
  public <T> T waitForEvent(String key, String expression, java.lang.reflect.Type type) {
    return durableCalls.waitForEvent(key, expression, type);
  }

  @Override
  public <T> java.util.Optional<T> waitForEvent(String key, String expression, java.lang.reflect.Type type,
      Duration timeout) {
    return durableCalls.waitForEvent(key, expression, type, timeout);
  }

  @Override
  public Duration sleepUntil(java.time.Instant wakeAt) {
    return durableCalls.sleepUntil(wakeAt);
  }

  @Override
  public java.time.Instant now() {
    return durableCalls.now();
  }

  @Override
  public <T> T memo(java.util.List<?> deps, java.lang.reflect.Type type, java.util.concurrent.Callable<T> compute)
      throws Exception {
    return durableCalls.memo(deps, type, compute);
  }

  @Override
  public int retryCount() {
    return action.getRetryCount();
  }

  @Override
  public Map<String, String> additionalMetadata() {
    if (!action.hasAdditionalMetadata() || action.getAdditionalMetadata().isBlank()) {
      return Map.of();
    }
    try {
      Map<String, String> metadata = new LinkedHashMap<>();
      Json.MAPPER.readTree(action.getAdditionalMetadata()).fields()
          .forEachRemaining(e -> metadata.put(e.getKey(), e.getValue().asText()));
      return metadata;
    } catch (Exception e) {
      return Map.of();
    }
  }

  @Override
  public <T> T parentOutput(String parentTask, Class<T> type) {
    return parentOutput(parentTask, (java.lang.reflect.Type) type);
  }

  @Override
  public <T> T parentOutput(String parentTask, java.lang.reflect.Type type) {
    JsonNode output = parents.get(parentTask);
    if (output == null) {
      throw new IllegalArgumentException("task '" + taskName() + "' has no parent output '"
          + parentTask + "'; it has " + parents.keySet() + ": declare it in TaskOptions.parents");
    }
    try {
      return services.mapper().readerFor(services.mapper().getTypeFactory().constructType(type)).readValue(output);
    } catch (Exception e) {
      throw new IllegalArgumentException("output of parent '" + parentTask + "' is not a "
          + type.getTypeName() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public Map<String, io.hatchetoperator.worker.TaskFailure> taskRunErrors() {
    return io.hatchetoperator.worker.TaskFailure.parseAll(errors);
  }

  @Override
  public void putStream(String chunk) {
    long now = System.currentTimeMillis();
    try {
      services.stubs().eventsBlocking()
          .withDeadlineAfter(services.settings().timing().rpcTimeout().toMillis(), TimeUnit.MILLISECONDS)
          .putStreamEvent(io.hatchetoperator.proto.events.PutStreamEventRequest.newBuilder()
              .setTaskRunExternalId(taskRunExternalId())
              .setCreatedAt(com.google.protobuf.Timestamp.newBuilder().setSeconds(now / 1000)
                  .setNanos((int) (now % 1000) * 1_000_000))
              .setMessage(com.google.protobuf.ByteString.copyFromUtf8(chunk))
              .setEventIndex(streamIndex.getAndIncrement()).build());
    } catch (RuntimeException e) {
      LOG.warn("task run {} could not stream a chunk ({}); the task goes on", taskRunExternalId(), e.toString());
    }
  }

  @Override
  public int nextChildIndex() {
    return childIndex.getAndIncrement();
  }

  @Override
  public boolean isCancelled() {
    return cancelled;
  }

  @Override
  public void refreshTimeout(Duration increment) {
    services.stubs().dispatcherBlocking()
        .withDeadlineAfter(services.settings().timing().rpcTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .refreshTimeout(RefreshTimeoutRequest.newBuilder()
            .setTaskRunExternalId(taskRunExternalId())
            .setIncrementTimeoutBy(Math.max(1, increment.toSeconds()) + "s").build());
  }

  @Override
  public void releaseSlot() {
    slotReleaser.run();
    services.stubs().dispatcherBlocking()
        .withDeadlineAfter(services.settings().timing().rpcTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .releaseSlot(ReleaseSlotRequest.newBuilder().setTaskRunExternalId(taskRunExternalId()).build());
  }

  @Override
  public void log(LogLevel level, String message) {
    LOG.info("[{}] {} {}", taskRunExternalId(), level, message);
    services.logs().publish(taskRunExternalId(), retryCount(), level.name(), message, System.currentTimeMillis());
  }

}
