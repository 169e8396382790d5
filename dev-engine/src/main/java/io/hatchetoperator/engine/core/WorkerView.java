package io.hatchetoperator.engine.core;

import java.util.List;
import java.util.Map;

/**
 * A snapshot of one worker for the REST API and metrics.
 *
 * @param status ACTIVE, INACTIVE or PAUSED as Hatchet reports it
 * @param slots the running tasks holding slots
 */
public record WorkerView(String id, String name, long createdAtMillis, long lastHeartbeatMillis, long lastListenerMillis,
    List<String> actions, String status, Map<String, Integer> slotLimits, Map<String, Integer> slotsUsed,
    Map<String, String> labels, String sdk, List<Slot> slots) {

  /** One running task on the worker. */
  public record Slot(String taskId, String actionId, long startedAtMillis, long timeoutAtMillis, String runId) {}
}
