package io.hatchetoperator.engine.core;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A registered worker: its actions, slots, labels and liveness; mutable, guarded by the scheduler's lock. */
public final class WorkerState {

  final String id;
  final String name;
  final List<String> actions;
  final Map<String, Integer> slotLimits;
  final Map<String, Integer> slotsUsed = new HashMap<>();
  final Map<String, String> labels = new LinkedHashMap<>();
  final String sdk;
  final long createdAtMillis;
  final Set<TaskRun> running = new LinkedHashSet<>();
  ActionSink listener;
  boolean legacyListener;
  boolean everListened;
  boolean paused;
  boolean unsubscribed;
  long lastHeartbeatMillis;
  long lastListenerMillis;

  WorkerState(String id, String name, List<String> actions, Map<String, Integer> slotLimits, String sdk, long now) {
    this.id = id;
    this.name = name;
    this.actions = List.copyOf(actions);
    this.slotLimits = Map.copyOf(slotLimits);
    this.sdk = sdk;
    this.createdAtMillis = now;
    this.lastHeartbeatMillis = now;
  }

  /** True when every slot type the task requests has enough free units here. */
  boolean fits(TaskDef def) {
    for (Map.Entry<String, Integer> e : def.slotRequests().entrySet()) {
      Integer limit = slotLimits.get(e.getKey());
      if (limit == null || slotsUsed.getOrDefault(e.getKey(), 0) + e.getValue() > limit) {
        return false;
      }
    }
    return true;
  }

  void take(TaskDef def) {
    def.slotRequests().forEach((type, units) -> slotsUsed.merge(type, units, Integer::sum));
  }

  void give(TaskDef def) {
    def.slotRequests().forEach((type, units) -> slotsUsed.merge(type, -units, Integer::sum));
  }

  /** Listening, not paused and heard from within {@code heartbeatMillis} (a legacy Listen stream counts as a heartbeat). */
  boolean assignable(long now, long heartbeatMillis) {
    return listener != null && !paused && !unsubscribed
        && (legacyListener || now - lastHeartbeatMillis <= heartbeatMillis);
  }
}
