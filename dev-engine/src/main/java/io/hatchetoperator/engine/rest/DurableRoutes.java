package io.hatchetoperator.engine.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.hatchetoperator.engine.core.DurableTasks;
import io.hatchetoperator.engine.core.EngineException;
import io.hatchetoperator.engine.core.Ids;
import io.hatchetoperator.engine.core.Scheduler;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durable tasks over REST, with Hatchet's paths and bodies: {@code POST /api/v1/stable/tenants/{t}/durable-tasks/branch}
 * ({@code api/v1/server/handlers/v1/workflow-runs/branch_durable_task.go}, which proxies BranchDurableTask) and
 * {@code POST /api/v1/stable/tasks/{task}/restore} ({@code handlers/v1/tasks/restore.go}): what the TS SDK's
 * {@code runs.branchDurableTask} and {@code runs.restoreTask} call.
 */
final class DurableRoutes implements RestRoutes {

  private static final Pattern BRANCH = Pattern.compile("^/api/v1/stable/tenants/([^/]+)/durable-tasks/branch/?$");
  private static final Pattern RESTORE = Pattern.compile("^/api/v1/stable/tasks/([^/]+)/restore/?$");

  private final Scheduler scheduler;

  DurableRoutes(Scheduler scheduler) {
    this.scheduler = scheduler;
  }

  @Override
  public boolean matches(String path) {
    return BRANCH.matcher(path).matches() || RESTORE.matcher(path).matches();
  }

  @Override
  public RestAnswer serve(String method, String path, Map<String, List<String>> q, Supplier<JsonNode> body) {
    if (!method.equals("POST")) {
      return new RestAnswer(405, RestJson.error(405, method + " is not allowed on " + path + "; use POST"));
    }
    Matcher restore = RESTORE.matcher(path);
    if (restore.matches()) {
      String task = Ids.require("task", restore.group(1));
      return RestAnswer.ok(Map.of("requeued", scheduler.durable().restore(task)));
    }
    Matcher m = BRANCH.matcher(path);
    if (!m.matches()) {
      throw EngineException.invalid(method + " " + path + " is not a durable-task path");
    }
    RestParams.requireTenant(scheduler.tenantId(), m.group(1));
    JsonNode b = body.get();
    String task = Ids.require("taskExternalId", b.path("taskExternalId").asText(""));
    long node = number(b, "nodeId");
    long branch = b.has("branchId") ? number(b, "branchId") : 0;
    DurableTasks.Branch result = scheduler.durable().branch(task, node, branch);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("taskExternalId", task);
    out.put("nodeId", result.nodeId());
    out.put("branchId", result.branchId());
    return RestAnswer.ok(out);
  }

  private static long number(JsonNode b, String field) {
    JsonNode v = b.get(field);
    if (v == null || !v.canConvertToLong()) {
      throw EngineException.invalid(field + " = " + v + " is not an integer; pass the durable log's " + field);
    }
    return v.asLong();
  }
}
