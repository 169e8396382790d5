package io.hatchetoperator.operator.engine;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The part of Hatchet's REST API the operator uses, for one tenant.
 *
 * <p>Every method blocks the calling thread for at most the request timeout (per page for
 * {@link #workers()}) and throws {@link EngineApiException} on failure. Implementations are
 * thread-safe: the poller thread reads, reconciler threads pause and unpause.
 */
public interface EngineApi {

  /** The tenant this client speaks for. */
  String tenantId();

  /**
   * {@code GET /api/v1/tenants/{t}/task-stats?taskNames=…}: queued and running per task.
   *
   * @return one entry per requested task; a task the engine does not know has zero counts
   */
  Map<String, TaskStats> taskStats(Collection<String> taskNames);

  /** {@code GET /api/v1/tenants/{t}/worker}, every page: the tenant's recent workers. */
  List<EngineWorker> workers();

  /** {@code GET /api/v1/tenants/{t}/workflows}, every page: the tenant's workflows (id and name). */
  List<EngineWorkflow> workflows();

  /**
   * {@code GET /api/v1/stable/tenants/{t}/task-metrics?since=…&workflow_ids=…}: the runs of these
   * workflows created at or after {@code since}, by current status (see {@link TaskRunCounts}).
   */
  TaskRunCounts taskMetrics(Instant since, Collection<String> workflowIds);

  /** {@code PATCH /api/v1/workers/{id}} with {@code {"isPaused": paused}}. */
  void setPaused(String workerId, boolean paused);
}
