package io.hatchetoperator.worker;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A task's options: retries and backoff, execution and schedule timeouts, slot requests (slot type to
 * units), DAG parents (task names of the same workflow), the exception classes that fail a run at once
 * without retries (besides {@link NonRetryableException}), the rate limits each run takes, the worker labels it
 * requires or prefers, its own concurrency limits, whether it is durable (it may sleep and wait for events
 * through the engine, on the worker's {@code durable} slots), and the {@link Condition}s it waits for, is skipped on
 * or is cancelled on once its parents are done.
 */
public record TaskOptions(int retries, Float backoffFactor, Integer backoffMaxSeconds,
    Duration executionTimeout, Duration scheduleTimeout, Map<String, Integer> slotRequests,
    List<String> parents, List<Class<? extends Throwable>> nonRetryable, List<RateLimit> rateLimits,
    Map<String, DesiredLabel> desiredLabels, List<ConcurrencyLimit> concurrency, boolean durable,
    TaskConditions conditions) {

  /** The slot type durable tasks run on by default, as Hatchet's SDKs name it ({@code SlotType.Durable}). */
  public static final String DURABLE_SLOT_TYPE = "durable";

  /** Hatchet's defaults: no retries, 60 s execution timeout, 5 min schedule timeout, one default slot. */
  public static final TaskOptions DEFAULTS = builder().build();

  public TaskOptions {
    if (retries < 0) {
      throw new IllegalArgumentException("retries=" + retries + " is negative: use 0 or more");
    }
    slotRequests = Map.copyOf(slotRequests);
    parents = List.copyOf(parents);
    nonRetryable = List.copyOf(nonRetryable);
    rateLimits = List.copyOf(rateLimits);
    desiredLabels = Map.copyOf(desiredLabels);
    concurrency = List.copyOf(concurrency);
    conditions = conditions == null ? TaskConditions.NONE : conditions;
    for (Condition c : conditions.all()) {
      if (c instanceof Condition.Parent p && !parents.contains(p.parent())) {
        throw new IllegalArgumentException("condition on parent '" + p.parent() + "' names a task that is not a parent"
            + " of this task (parents: " + parents + "): add it with parents(...) or name one of them");
      }
    }
  }

  /** Whether {@code error} fails the run without a retry: a {@link NonRetryableException} or a listed class. */
  public boolean isNonRetryable(Throwable error) {
    return error instanceof NonRetryableException || nonRetryable.stream().anyMatch(c -> c.isInstance(error));
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * These options, durable: a task still requesting the one default slot requests one {@code durable} slot instead
   * (the TypeScript SDK's {@code mapSlotRequestsPb}); other slot requests are kept.
   */
  public TaskOptions asDurable() {
    Map<String, Integer> slots = slotRequests.equals(Map.of(WorkerOptions.DEFAULT_SLOT_TYPE, 1))
        ? Map.of(DURABLE_SLOT_TYPE, 1) : slotRequests;
    return new TaskOptions(retries, backoffFactor, backoffMaxSeconds, executionTimeout, scheduleTimeout, slots,
        parents, nonRetryable, rateLimits, desiredLabels, concurrency, true, conditions);
  }

  /** Builds {@link TaskOptions}; unset values keep Hatchet's defaults. */
  public static final class Builder {
    private int retries;
    private Float backoffFactor;
    private Integer backoffMaxSeconds;
    private Duration executionTimeout = Duration.ofSeconds(60);
    private Duration scheduleTimeout = Duration.ofMinutes(5);
    private final Map<String, Integer> slotRequests = new LinkedHashMap<>(Map.of("default", 1));
    private List<String> parents = List.of();
    private List<Class<? extends Throwable>> nonRetryable = List.of();
    private final List<RateLimit> rateLimits = new java.util.ArrayList<>();
    private final Map<String, DesiredLabel> desiredLabels = new LinkedHashMap<>();
    private final List<ConcurrencyLimit> concurrency = new java.util.ArrayList<>();
    private boolean durable;
    private final List<Condition> waitFor = new java.util.ArrayList<>();
    private final List<Condition> skipIf = new java.util.ArrayList<>();
    private final List<Condition> cancelIf = new java.util.ArrayList<>();

    public Builder retries(int retries) { this.retries = retries; return this; }

    public Builder backoff(float factor, int maxSeconds) {
      this.backoffFactor = factor;
      this.backoffMaxSeconds = maxSeconds;
      return this;
    }

    public Builder executionTimeout(Duration timeout) { this.executionTimeout = timeout; return this; }

    public Builder scheduleTimeout(Duration timeout) { this.scheduleTimeout = timeout; return this; }

    /** Replaces the slot requests with {@code units} of {@code slotType}. */
    public Builder slots(String slotType, int units) {
      slotRequests.clear();
      slotRequests.put(slotType, units);
      return this;
    }

    public Builder parents(String... parents) { this.parents = List.of(parents); return this; }

    /** DAG parents by reference: their outputs are read with {@link Context#parentOutput(TaskRef)}. */
    public Builder parents(TaskRef<?, ?>... parents) {
      this.parents = java.util.Arrays.stream(parents).map(TaskRef::name).toList();
      return this;
    }

    /** Exceptions of these classes (or subclasses) fail the run at once, without using its retries. */
    @SafeVarargs
    public final Builder nonRetryable(Class<? extends Throwable>... types) {
      this.nonRetryable = List.of(types);
      return this;
    }

    /** Each run takes {@code units} of the static rate limit {@code key} when it is assigned. */
    public Builder rateLimit(String key, int units) {
      rateLimits.add(new RateLimit(key, units));
      return this;
    }

    /** A static or dynamic rate limit ({@link RateLimit#dynamic}). */
    public Builder rateLimit(RateLimit limit) {
      rateLimits.add(limit);
      return this;
    }

    /** The worker label {@code key} this task requires or prefers (worker labels: {@link WorkerOptions.Builder#label}). */
    public Builder desiredLabel(String key, DesiredLabel label) {
      desiredLabels.put(key, label);
      return this;
    }

    /** A concurrency limit on this task alone (a workflow-wide one: {@link WorkflowOptions.Builder#concurrency}). */
    public Builder concurrency(String expression, int maxRuns, ConcurrencyLimit.Strategy strategy) {
      concurrency.add(new ConcurrencyLimit(expression, maxRuns, strategy));
      return this;
    }

    /**
     * A durable task: {@link Context#sleepFor} and {@link Context#waitForEvent} wait through the engine, and the task
     * runs on a {@code durable} slot unless {@link #slots} names another (see {@link TaskOptions#asDurable()}).
     */
    public Builder durable() { this.durable = true; return this; }

    /** Queued only once all these conditions hold (an {@link Condition.Or} holds when one of its own does). */
    public Builder waitFor(Condition... conditions) {
      waitFor.addAll(List.of(conditions));
      return this;
    }

    /** Skipped (output {@code {"skipped": true}}, its children still run) once all these conditions hold. */
    public Builder skipIf(Condition... conditions) {
      skipIf.addAll(List.of(conditions));
      return this;
    }

    /** Cancelled (with its children) once all these conditions hold. */
    public Builder cancelIf(Condition... conditions) {
      cancelIf.addAll(List.of(conditions));
      return this;
    }

    public TaskOptions build() {
      TaskOptions options = new TaskOptions(retries, backoffFactor, backoffMaxSeconds, executionTimeout,
          scheduleTimeout, slotRequests, parents, nonRetryable, rateLimits, desiredLabels, concurrency, false,
          new TaskConditions(waitFor, skipIf, cancelIf));
      return durable ? options.asDurable() : options;
    }
  }
}
