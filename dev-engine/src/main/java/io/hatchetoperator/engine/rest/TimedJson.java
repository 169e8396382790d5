package io.hatchetoperator.engine.rest;

import io.hatchetoperator.engine.core.ApiCrons;
import io.hatchetoperator.engine.core.Json;
import io.hatchetoperator.engine.core.ScheduledRuns;
import io.hatchetoperator.engine.core.TaskState;
import io.hatchetoperator.engine.core.WorkflowDef;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hatchet's {@code ScheduledWorkflows}, {@code CronWorkflows} and their lists, as its transformers build them
 * ({@code ToScheduledWorkflowsFromSQLC}, {@code ToCronWorkflowsFromSQLC} in
 * {@code api/v1/server/oas/transformers/workflow_run.go}); every schedule and cron made here is {@code method: API}.
 */
final class TimedJson {

  private TimedJson() {}

  /** {@code runStatus}: the started run's status, null when there is none (yet) or it was forgotten. */
  static Map<String, Object> scheduled(String tenantId, WorkflowDef def, ScheduledRuns.Entry e, TaskState runStatus) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("metadata", metadata(e.id(), e.createdAtMillis()));
    m.put("tenantId", tenantId);
    m.put("workflowVersionId", def.versionId());
    m.put("workflowId", def.id());
    m.put("workflowName", def.name());
    m.put("triggerAt", RestJson.time(e.triggerAtMillis()));
    m.put("input", Json.map(e.request().inputJson()));
    m.put("additionalMetadata", Json.map(e.request().metadataJson()));
    if (e.runId() != null) {
      m.put("workflowRunId", e.runId());
      m.put("workflowRunName", def.name());
      m.put("workflowRunCreatedAt", RestJson.time(e.runCreatedAtMillis()));
    }
    if (runStatus != null) {
      m.put("workflowRunStatus", status(runStatus));
    }
    m.put("method", "API");
    m.put("priority", e.request().priority() == null ? 1 : e.request().priority());
    return m;
  }

  static Map<String, Object> cron(String tenantId, WorkflowDef def, ApiCrons.Entry e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("metadata", metadata(e.id(), e.createdAtMillis()));
    m.put("tenantId", tenantId);
    m.put("workflowVersionId", def.versionId());
    m.put("workflowId", def.id());
    m.put("workflowName", def.name());
    m.put("cron", e.expression());
    m.put("name", e.name());
    m.put("input", Json.map(e.request().inputJson()));
    m.put("additionalMetadata", Json.map(e.request().metadataJson()));
    m.put("enabled", e.enabled());
    m.put("method", "API");
    m.put("priority", e.request().priority() == null ? 1 : e.request().priority());
    return m;
  }

  /** Hatchet's {@code WorkflowRunStatus} for a run of the dev engine. */
  static String status(TaskState s) {
    return switch (s) {
      case PENDING, QUEUED -> "QUEUED";
      case RETRY_WAIT -> "BACKOFF";
      case RUNNING -> "RUNNING";
      case COMPLETED -> "SUCCEEDED";
      case FAILED -> "FAILED";
      case CANCELLED -> "CANCELLED";
    };
  }

  /** A page of rows with Hatchet's 1-based pagination (next_page stays on the last page). */
  static Map<String, Object> page(List<?> rows, int total, int offset, int limit) {
    long numPages = Math.max(1, (total + limit - 1) / limit);
    long current = 1 + (offset + limit - 1) / limit;
    Map<String, Object> pagination = new LinkedHashMap<>();
    pagination.put("current_page", current);
    pagination.put("next_page", current >= numPages ? current : current + 1);
    pagination.put("num_pages", numPages);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("rows", rows);
    out.put("pagination", pagination);
    return out;
  }

  static Map<String, Object> metadata(String id, long createdAtMillis) {
    return Map.of("id", id, "createdAt", RestJson.time(createdAtMillis), "updatedAt", RestJson.time(createdAtMillis));
  }
}
