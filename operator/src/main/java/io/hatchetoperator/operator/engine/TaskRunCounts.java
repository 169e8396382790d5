package io.hatchetoperator.operator.engine;

/**
 * The answer of {@code GET /api/v1/stable/tenants/{t}/task-metrics} (operation
 * {@code v1-task:list:status-metrics}, openapi {@code V1TaskRunMetrics}): runs created in
 * [since, until], counted by their current status.
 *
 * <p>How Hatchet counts (hatchet-dev/hatchet {@code api/v1/server/handlers/v1/tasks/get_metrics.go}
 * → {@code pkg/repository/olap.go} {@code ReadTaskRunMetrics} → {@code pkg/repository/sqlcv1/olap.sql}
 * {@code GetTenantStatusMetrics}): rows of {@code v1_runs_olap} / {@code v1_statuses_olap} whose
 * {@code inserted_at} is in the window and whose {@code workflow_id} is one of the filter. A run is a
 * standalone task or a whole DAG ({@code sql/schema/v1-olap.sql}: tasks of a DAG are not runs), so a
 * DAG counts once. With a fixed {@code since}, {@link #finished()} only grows (a run leaves QUEUED and
 * RUNNING once); the OLAP tables are filled asynchronously and may lag the engine a little.
 *
 * @param queued runs in QUEUED
 * @param running runs in RUNNING (on a worker or evicted)
 * @param completed runs in COMPLETED
 * @param cancelled runs in CANCELLED
 * @param failed runs in FAILED
 */
public record TaskRunCounts(long queued, long running, long completed, long cancelled, long failed) {

  /** Checks the counts. */
  public TaskRunCounts {
    if (queued < 0 || running < 0 || completed < 0 || cancelled < 0 || failed < 0) {
      throw new IllegalArgumentException("task-metrics counts must be >= 0: queued " + queued
          + ", running " + running + ", completed " + completed + ", cancelled " + cancelled
          + ", failed " + failed);
    }
  }

  /** Runs that reached a final status (completed, cancelled or failed). */
  public long finished() {
    return completed + cancelled + failed;
  }
}
