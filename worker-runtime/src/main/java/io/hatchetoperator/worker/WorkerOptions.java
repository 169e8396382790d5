package io.hatchetoperator.worker;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;

/**
 * A worker's capacity and labels: {@code slotConfig} maps each slot type to its number of slots
 * ({@code default} for ordinary tasks); {@code labels} are added to the preset labels at registration;
 * {@code taskExecutor} runs task bodies when set (null: virtual threads on JDK 21+, else a bounded pool).
 */
public record WorkerOptions(Map<String, Integer> slotConfig, Map<String, String> labels,
    ExecutorService taskExecutor) {

  /** The default slot type's name. */
  public static final String DEFAULT_SLOT_TYPE = "default";

  public WorkerOptions {
    slotConfig.forEach((type, n) -> {
      if (n == null || n < 1) {
        throw new IllegalArgumentException("slots for slot type '" + type + "' = " + n
            + ": a worker needs at least 1 slot of each type it declares");
      }
    });
    if (slotConfig.isEmpty()) {
      throw new IllegalArgumentException("no slots: give the worker slots(n) of at least 1");
    }
    slotConfig = Map.copyOf(slotConfig);
    labels = Map.copyOf(labels);
  }

  /** The durable slots a worker serving durable tasks gets when none are set (the TypeScript SDK's default). */
  public static final int DEFAULT_DURABLE_SLOTS = 1000;

  /**
   * These options with the slot types {@code requested} but missing added at their defaults: 100 {@code default}
   * slots, {@value #DEFAULT_DURABLE_SLOTS} {@code durable} ones (the TypeScript SDK's {@code resolveWorkerOptions});
   * other types are left for the worker to refuse with a clear error.
   */
  public WorkerOptions withDefaultSlotsFor(java.util.Set<String> requested) {
    Map<String, Integer> config = new LinkedHashMap<>(slotConfig);
    if (requested.contains(DEFAULT_SLOT_TYPE)) {
      config.putIfAbsent(DEFAULT_SLOT_TYPE, 100);
    }
    if (requested.contains(TaskOptions.DURABLE_SLOT_TYPE)) {
      config.putIfAbsent(TaskOptions.DURABLE_SLOT_TYPE, DEFAULT_DURABLE_SLOTS);
    }
    return config.equals(slotConfig) ? this : new WorkerOptions(config, labels, taskExecutor);
  }

  /** {@code n} default slots and no labels. */
  public static WorkerOptions slots(int n) {
    return builder().slots(n).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link WorkerOptions}; without a call to {@code slots}, the worker has 100 default slots like Hatchet's SDKs. */
  public static final class Builder {
    private final Map<String, Integer> slotConfig = new LinkedHashMap<>();
    private final Map<String, String> labels = new LinkedHashMap<>();
    private ExecutorService taskExecutor;

    /** Number of default slots (concurrent task runs). */
    public Builder slots(int n) { slotConfig.put(DEFAULT_SLOT_TYPE, n); return this; }

    /**
     * Number of {@code durable} slots (durable tasks waiting or running). Without it, a worker serving durable tasks
     * gets 1,000, the TypeScript SDK's default ({@code DEFAULT_DURABLE_SLOTS}, {@code v1/client/worker/slot-utils.js}).
     */
    public Builder durableSlots(int n) { slotConfig.put(TaskOptions.DURABLE_SLOT_TYPE, n); return this; }

    /** Number of slots of a custom slot type that tasks request through {@link TaskOptions.Builder#slots}. */
    public Builder slotType(String type, int n) { slotConfig.put(type, n); return this; }

    public Builder label(String key, String value) { labels.put(key, value); return this; }

    /**
     * Runs task bodies on {@code executor} (owned by the caller: the worker never shuts it down). A bounded
     * executor makes assignments wait for a thread after they got their slot; give it at least as many
     * threads as the worker has slots.
     */
    public Builder taskExecutor(ExecutorService executor) { this.taskExecutor = executor; return this; }

    public WorkerOptions build() {
      Map<String, Integer> config = new LinkedHashMap<>(slotConfig);
      if (config.isEmpty()) {
        config.put(DEFAULT_SLOT_TYPE, 100);
      }
      return new WorkerOptions(config, labels, taskExecutor);
    }
  }
}
