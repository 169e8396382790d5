package io.hatchetoperator.operator.autoscaling;

import io.hatchetoperator.operator.engine.EngineApi;
import io.hatchetoperator.operator.engine.EngineApiException;
import io.hatchetoperator.operator.engine.EngineWorkflow;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One tenant's completion counters: turns Hatchet's task-metrics (runs created since an anchor, by
 * current status) into a monotonic count of finished runs per pool, the completion signal the policy
 * measures task duration with (Little's law).
 *
 * <p>A pool's task names map to workflow ids through the workflow list (a standalone task is a
 * workflow of the same name), read every {@link #WORKFLOWS_EVERY}. A pool with a task that names no
 * workflow (a task inside a DAG) gets no count: the policy then counts one slot per queued task. Pools
 * with the same workflows share one request. The anchor lies {@link #ANCHOR_BACK} before the first
 * read, so runs started before the operator are counted when they finish; it moves forward once it is
 * {@link #ANCHOR_MAX_AGE} old, bounding the rows Hatchet counts per request (the tick of the move adds
 * nothing, a run still unfinished {@link #ANCHOR_BACK} after it began is not counted). Used by one
 * poller thread at a time.
 */
final class CompletionCounter {

  static final Duration WORKFLOWS_EVERY = Duration.ofMinutes(5);
  static final Duration ANCHOR_BACK = Duration.ofMinutes(15);
  static final Duration ANCHOR_MAX_AGE = Duration.ofMinutes(30);
  private static final Logger LOG = LoggerFactory.getLogger(CompletionCounter.class);

  private final String tenant;
  private Map<String, String> workflowIds = Map.of();
  private Instant workflowsReadAt;
  private boolean unsupported;
  private Instant anchor;
  private final Map<Set<String>, long[]> counters = new HashMap<>();
  private int requests;

  CompletionCounter(String tenant) {
    this.tenant = tenant;
  }

  /**
   * Reads the counts of this tick: pool → finished runs of its workflows so far; pools without a count
   * are absent. Never throws: a failed call leaves the counts of this tick unknown.
   */
  Map<String, Long> read(Instant now, Map<String, Set<String>> tasksByPool, EngineApi api) {
    requests = 0;
    Map<String, Long> out = new HashMap<>();
    if (tasksByPool.isEmpty()) {
      return out;
    }
    try {
      refreshWorkflows(now, api);
      if (unsupported) {
        return out;
      }
      if (anchor == null || Duration.between(anchor, now).compareTo(ANCHOR_MAX_AGE) > 0) {
        anchor = now.minus(ANCHOR_BACK);
        counters.values().forEach(c -> c[0] = -1); // a new window: the next count is a new baseline
      }
      Map<Set<String>, Long> bySet = new HashMap<>();
      for (Map.Entry<String, Set<String>> pool : tasksByPool.entrySet()) {
        Set<String> ids = ids(pool.getValue());
        if (ids.isEmpty()) {
          continue;
        }
        Long total = bySet.get(ids);
        if (total == null) {
          requests++;
          total = advance(ids, api.taskMetrics(anchor, ids).finished());
          bySet.put(ids, total);
        }
        out.put(pool.getKey(), total);
      }
    } catch (EngineApiException e) {
      if (e.kind() == EngineApiException.Kind.REJECTED) {
        unsupported = true; // an engine without the endpoint: asked again with the next workflow list
      }
      LOG.debug("tenant {}: completion counts unavailable this poll ({}): {}", tenant, e.kind(),
          e.getMessage());
      return Map.of();
    }
    return out;
  }

  /** The requests the last {@link #read} made (task-metrics calls plus a workflow list, if due). */
  int requests() {
    return requests;
  }

  private void refreshWorkflows(Instant now, EngineApi api) {
    if (workflowsReadAt != null && Duration.between(workflowsReadAt, now).compareTo(WORKFLOWS_EVERY) < 0) {
      return;
    }
    workflowsReadAt = now;
    unsupported = false;
    requests++;
    Map<String, String> byName = new HashMap<>();
    for (EngineWorkflow w : api.workflows()) {
      byName.putIfAbsent(w.name(), w.id());
    }
    workflowIds = Map.copyOf(byName);
  }

  /** The workflow ids of all the tasks, or empty when one of them names no workflow. */
  private Set<String> ids(Set<String> tasks) {
    Set<String> ids = new TreeSet<>();
    for (String task : tasks) {
      String id = workflowIds.get(task);
      if (id == null) {
        return Set.of();
      }
      ids.add(id);
    }
    return ids;
  }

  /** Adds the growth of the window's count to the running total of this workflow set. */
  private long advance(Set<String> ids, long finishedInWindow) {
    long[] c = counters.computeIfAbsent(Set.copyOf(ids), k -> new long[] {-1, 0});
    if (c[0] >= 0 && finishedInWindow > c[0]) {
      c[1] += finishedInWindow - c[0];
    }
    c[0] = finishedInWindow;
    return c[1];
  }
}
