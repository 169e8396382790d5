package io.hatchetoperator.worker.junit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hatchetoperator.worker.Context;
import io.hatchetoperator.worker.TaskRef;
import io.hatchetoperator.worker.client.Json;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A {@link Context} for unit-testing a task body without an engine: parent outputs and metadata given by the
 * test (parent outputs go through JSON, as on a worker), and what the body did (logs, slot release, timeout
 * refreshes) recorded for assertions. {@link #cancel()} makes {@link #isCancelled()} true.
 */
public final class FakeContext implements Context {
  private final ObjectMapper mapper;
  private final String taskName;
  private final String runId = UUID.randomUUID().toString();
  private final String taskRunId = UUID.randomUUID().toString();
  private final Map<String, JsonNode> parents = new LinkedHashMap<>();
  private final Map<String, String> metadata = new LinkedHashMap<>();
  private final Map<String, String> errors = new LinkedHashMap<>();
  private final List<String> logs = new ArrayList<>();
  private final List<Duration> refreshes = new ArrayList<>();
  private final List<String> streamed = new ArrayList<>();
  private int retryCount;
  private final java.util.concurrent.atomic.AtomicInteger childIndex = new java.util.concurrent.atomic.AtomicInteger();
  private volatile boolean cancelled;
  private volatile boolean slotReleased;

  public FakeContext(String taskName) {
    this(taskName, Json.MAPPER);
  }

  /** With the ObjectMapper the Hatchet instance under test uses. */
  public FakeContext(String taskName, ObjectMapper mapper) {
    this.taskName = taskName;
    this.mapper = mapper;
  }

  /** Gives the body the output {@code value} of parent {@code parent}. */
  public <O> FakeContext withParentOutput(TaskRef<?, O> parent, O value) {
    return withParentOutput(parent.name(), value);
  }

  public FakeContext withParentOutput(String parent, Object value) {
    parents.put(parent, mapper.valueToTree(value));
    return this;
  }

  public FakeContext withMetadata(String key, String value) {
    metadata.put(key, value);
    return this;
  }

  /** This attempt's retry count (0 = first attempt). */
  public FakeContext withRetryCount(int retryCount) {
    this.retryCount = retryCount;
    return this;
  }

  /** As when the engine cancels the run: {@link #isCancelled()} turns true. */
  public void cancel() {
    cancelled = true;
  }

  public synchronized List<String> logs() {
    return List.copyOf(logs);
  }

  public boolean slotReleased() {
    return slotReleased;
  }

  /** The chunks the body streamed, in order. */
  public synchronized List<String> streamed() {
    return List.copyOf(streamed);
  }

  @Override
  public synchronized void putStream(String chunk) {
    streamed.add(chunk);
  }

  public synchronized List<Duration> timeoutRefreshes() {
    return List.copyOf(refreshes);
  }

  @Override
  public String workflowRunId() {
    return runId;
  }

  @Override
  public String taskRunExternalId() {
    return taskRunId;
  }

  @Override
  public String taskName() {
    return taskName;
  }

  @Override
  public int retryCount() {
    return retryCount;
  }

  @Override
  public Map<String, String> additionalMetadata() {
    return Map.copyOf(metadata);
  }

  @Override
  public <T> T parentOutput(String parentTask, Class<T> type) {
    return parentOutput(parentTask, (Type) type);
  }

  @Override
  public <T> T parentOutput(String parentTask, Type type) {
    JsonNode output = parents.get(parentTask);
    if (output == null) {
      throw new IllegalArgumentException("task '" + taskName + "' has no parent output '" + parentTask
          + "'; it has " + parents.keySet() + ": give it with withParentOutput");
    }
    try {
      return mapper.readerFor(mapper.getTypeFactory().constructType(type)).readValue(output);
    } catch (Exception e) {
      throw new IllegalArgumentException("output of parent '" + parentTask + "' is not a " + type.getTypeName()
          + ": " + e.getMessage(), e);
    }
  }

  /** In an on-failure task: the failures the engine would pass (task name to error text). */
  public FakeContext withTaskRunError(String task, String errorText) {
    errors.put(task, errorText);
    return this;
  }

  @Override
  public Map<String, io.hatchetoperator.worker.TaskFailure> taskRunErrors() {
    return io.hatchetoperator.worker.TaskFailure.parseAll(errors);
  }

  /** Child runs go to the engine of the child's declaration: declare it with a test engine's Hatchet to run them. */
  @Override
  public int nextChildIndex() {
    return childIndex.getAndIncrement();
  }

  @Override
  public boolean isCancelled() {
    return cancelled;
  }

  @Override
  public synchronized void refreshTimeout(Duration increment) {
    refreshes.add(increment);
  }

  @Override
  public void releaseSlot() {
    slotReleased = true;
  }

  /** Lines logged at INFO are recorded as they are; other levels as {@code "LEVEL message"}. */
  @Override
  public synchronized void log(LogLevel level, String message) {
    logs.add(level == LogLevel.INFO ? message : level + " " + message);
  }
}
