package io.hatchetoperator.operator.engine;

import java.time.Instant;
import java.util.Map;

/**
 * One worker from {@code GET /api/v1/tenants/{t}/worker}, reduced to what scaling needs.
 *
 * @param id the engine's worker id (used to pause it)
 * @param name the worker name it registered with
 * @param status ACTIVE, PAUSED or INACTIVE (no heartbeat for 5 s)
 * @param busySlots slots running a task now ({@code limit - available} of the default slot type)
 * @param slotLimit slots the worker registered
 * @param slotsReported false when the engine reported no slot figures: treat the worker as busy
 * @param labels the worker's labels (key to value), including the operator's preset labels
 * @param registeredAt when the worker registered ({@code metadata.createdAt}), null when not given;
 *     with its pod's creation time it measures the pool's pod start-up
 */
public record EngineWorker(
    String id,
    String name,
    Status status,
    int busySlots,
    int slotLimit,
    boolean slotsReported,
    Map<String, String> labels,
    Instant registeredAt) {

  /** A worker's engine-side state. */
  public enum Status {
    /** Heartbeating and accepting tasks. */
    ACTIVE,
    /** Heartbeating, but the engine assigns it nothing new. */
    PAUSED,
    /** Not heartbeating: gone or about to be. */
    INACTIVE
  }

  /** Copies the labels and checks the slot figures. */
  public EngineWorker {
    labels = Map.copyOf(labels);
    if (busySlots < 0 || slotLimit < 0) {
      throw new IllegalArgumentException(
          "worker " + id + ": busy slots (" + busySlots + ") and slot limit (" + slotLimit
              + ") must be >= 0");
    }
  }

  /** A worker whose registration time is not known. */
  public EngineWorker(String id, String name, Status status, int busySlots, int slotLimit,
      boolean slotsReported, Map<String, String> labels) {
    this(id, name, status, busySlots, slotLimit, slotsReported, labels, null);
  }

  /** True when the engine reported slot figures and none is busy. */
  public boolean idle() {
    return slotsReported && busySlots == 0;
  }

  /** The value of one label, or null. */
  public String label(String key) {
    return labels.get(key);
  }
}
