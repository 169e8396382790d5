package io.hatchetoperator.worker;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Options of one triggered run: its priority (1 low … 3 high; null = the workflow's default) and additional
 * metadata (string pairs the run's tasks read with {@link Context#additionalMetadata()}).
 */
public record RunOptions(Integer priority, Map<String, String> additionalMetadata) {
  /** No priority override, no metadata. */
  public static final RunOptions NONE = new RunOptions(null, Map.of());

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
    return new RunOptions(priority, m);
  }
}
