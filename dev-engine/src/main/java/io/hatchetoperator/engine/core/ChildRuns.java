package io.hatchetoperator.engine.core;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Child-run dedupe as Hatchet keys it ({@code pkg/repository/ids.go} getChildSignalEventKey): one child per parent task
 * and child key, or child index when no key is given; a second trigger with the same key returns the first child's
 * run id instead of starting another. Guarded by the scheduler's lock; bounded (oldest keys are forgotten).
 */
final class ChildRuns {

  static final int MAX_KEYS = 100_000;

  private final Map<String, String> runByKey = new LinkedHashMap<>(16, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
      return size() > MAX_KEYS;
    }
  };

  /** The dedupe key of a child trigger, or null when it is not a child or names neither key nor index. */
  static String key(TriggerRequest r) {
    if (r.parentTaskId() == null || (r.childKey() == null && r.childIndex() == null)) {
      return null;
    }
    return r.parentTaskId() + "." + (r.childKey() != null ? r.childKey() : String.valueOf(r.childIndex()));
  }

  /** The run already started for this child key, if it is still known to {@code runs}. */
  String existing(TriggerRequest r, Map<String, WorkflowRun> runs) {
    String key = key(r);
    if (key == null) {
      return null;
    }
    String id = runByKey.get(key);
    if (id != null && !runs.containsKey(id)) {
      runByKey.remove(key);
      return null;
    }
    return id;
  }

  void record(TriggerRequest r, String runId) {
    String key = key(r);
    if (key != null) {
      runByKey.put(key, runId);
    }
  }
}
