package io.hatchetoperator.worker;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Options of one triggered run: its priority (1 low … 3 high; null = the workflow's default), additional
 * metadata (string pairs the run's tasks read with {@link Context#additionalMetadata()}) and, for a child run,
 * its parent (set by {@link Context#runChild}).
 */
public record RunOptions(Integer priority, Map<String, String> additionalMetadata, ChildOf parent) {
  /** No priority override, no metadata, no parent. */
  public static final RunOptions NONE = new RunOptions(null, Map.of(), null);

  /**
   * The parent of a child run: the parent task's run and task run ids, the child's index among the parent task's
   * children and an optional key. The engine starts one child per (parent task run, key or index).
   */
  public record ChildOf(String parentRunId, String parentTaskRunId, int childIndex, String childKey) {}

  public RunOptions(Integer priority, Map<String, String> additionalMetadata) {
    this(priority, additionalMetadata, null);
  }

  public RunOptions {
    if (priority != null && (priority < 1 || priority > 3)) {
      throw new IllegalArgumentException("priority=" + priority + " is out of range: use 1 (low), 2 or 3 (high), as "
          + "Hatchet accepts");
    }
    additionalMetadata = Map.copyOf(additionalMetadata);
  }

  public static RunOptions priority(int priority) {
    return new RunOptions(priority, Map.of());
  }

  /** These options plus one metadata pair. */
  public RunOptions withMetadata(String key, String value) {
    Map<String, String> m = new LinkedHashMap<>(additionalMetadata);
    m.put(key, value);
    return new RunOptions(priority, m, parent);
  }

  /** These options for a child of {@code parent}. */
  public RunOptions childOf(ChildOf parent) {
    return new RunOptions(priority, additionalMetadata, parent);
  }
}
