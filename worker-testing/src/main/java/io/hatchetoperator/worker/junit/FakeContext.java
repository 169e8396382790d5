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
 * refreshes) recorded for assertions. {@link #cancel()} makes {@link #isCancelled()} true. Durable calls answer at
 * once: {@code sleepFor} records the sleep and returns what the engine would (whole seconds, a fraction rounded
 * up), {@code waitForEvent} returns the payloads scripted with {@link #withEvent} for its key, in order, {@code memo}
 * computes once per dependencies, {@code now} is fixed ({@link #withNow}).
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
  private String parentRunId;
  private boolean durable = true;
  private final List<Duration> sleeps = new ArrayList<>();
  private final Map<String, java.util.Deque<JsonNode>> events = new LinkedHashMap<>();
  private final List<String> awaitedEvents = new ArrayList<>();
  private final Map<String, JsonNode> memos = new LinkedHashMap<>();
  private java.time.Instant now;

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

  /** The parent id a child run gets ({@link Context#parentWorkflowRunId()}: the parent task run's id). */
  public FakeContext withParentWorkflowRunId(String parentTaskRunId) {
    this.parentRunId = parentTaskRunId;
    return this;
  }

  /** Whether the task under test is durable (default true); false makes durable calls fail as on a worker. */
  public FakeContext durable(boolean durable) {
    this.durable = durable;
    return this;
  }

  /** Scripts the payload of the next event {@code key} the body waits for (queued per key, in order). */
  public synchronized FakeContext withEvent(String key, Object payload) {
    events.computeIfAbsent(key, k -> new java.util.ArrayDeque<>()).add(mapper.valueToTree(payload));
    return this;
  }

  /** What {@link #now()} answers (default: the wall clock at its first call, then the same). */
  public synchronized FakeContext withNow(java.time.Instant now) {
    this.now = now;
    return this;
  }

  /** The sleeps the body asked for, in order. */
  public synchronized List<Duration> sleeps() {
    return List.copyOf(sleeps);
  }

  /** The event keys the body waited for, in order (with the CEL expression after a space when it gave one). */
  public synchronized List<String> awaitedEvents() {
    return List.copyOf(awaitedEvents);
  }

  @Override
  public java.util.Optional<String> parentWorkflowRunId() {
    return java.util.Optional.ofNullable(parentRunId);
  }

  @Override
  public boolean isDurable() {
    return durable;
  }

  @Override
  public synchronized Duration sleepFor(Duration duration) {
    requireDurable("sleepFor");
    if (duration == null || duration.isNegative()) {
      throw new IllegalArgumentException("sleepFor duration=" + duration + " is negative or null: "
          + "pass Duration.ZERO or more");
    }
    sleeps.add(duration);
    return Duration.ofSeconds(duration.getSeconds() + (duration.getNano() > 0 ? 1 : 0));
  }

  @Override
  public synchronized <T> T waitForEvent(String key, String expression, Type type) {
    requireDurable("waitForEvent");
    awaitedEvents.add(expression == null || expression.isEmpty() ? key : key + " " + expression);
    java.util.Deque<JsonNode> scripted = events.get(key);
    if (scripted == null || scripted.isEmpty()) {
      throw new IllegalStateException("task '" + taskName + "' waits for event '" + key + "' but the FakeContext "
          + "has no (more) payload for it: script one with withEvent(\"" + key + "\", payload)");
    }
    try {
      return mapper.readerFor(mapper.getTypeFactory().constructType(type)).readValue(scripted.poll());
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("the scripted payload of event '" + key + "' is not a "
          + type.getTypeName() + ": " + e.getMessage(), e);
    }
  }

  /** A scripted payload if one is left for {@code key}, else the timeout passes: recorded as a sleep, empty. */
  @Override
  public synchronized <T> java.util.Optional<T> waitForEvent(String key, String expression, Type type,
      Duration timeout) {
    requireDurable("waitForEvent");
    java.util.Deque<JsonNode> scripted = events.get(key);
    if (scripted == null || scripted.isEmpty()) {
      awaitedEvents.add(expression == null || expression.isEmpty() ? key : key + " " + expression);
      sleepFor(timeout);
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(waitForEvent(key, expression, type));
  }

  @Override
  public synchronized java.time.Instant now() {
    requireDurable("now");
    if (now == null) {
      now = java.time.Instant.now();
    }
    return now;
  }

  /** Sleeps (records) from {@link #now()} to {@code wakeAt}, whole seconds rounded up, at least 0. */
  @Override
  public synchronized Duration sleepUntil(java.time.Instant wakeAt) {
    long millis = Duration.between(now(), wakeAt).toMillis();
    return sleepFor(Duration.ofSeconds(Math.max(0, (millis + 999) / 1000)));
  }

  /** Computes once per {@code deps} (as its JSON) and answers the stored value after, as a replay would get it. */
  @Override
  public synchronized <T> T memo(List<?> deps, Type type, java.util.concurrent.Callable<T> compute) throws Exception {
    requireDurable("memo");
    String key = mapper.writeValueAsString(deps);
    JsonNode stored = memos.get(key);
    if (stored == null) {
      stored = mapper.valueToTree(compute.call());
      memos.put(key, stored);
    }
    return mapper.readerFor(mapper.getTypeFactory().constructType(type)).readValue(stored);
  }

  private void requireDurable(String what) {
    if (!durable) {
      throw new IllegalStateException("task '" + taskName + "' is not durable, so ctx." + what + " cannot wait "
          + "through the engine: declare it with hatchet.durableTask(..), workflow.durableTask(..) or "
          + "TaskOptions.builder().durable()");
    }
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
