package io.hatchetoperator.operator.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads Hatchet's REST JSON (openapi {@code TaskStats}, {@code WorkerList}, {@code Worker}) into
 * records; a body of the wrong shape fails with {@link MalformedBody} naming the field.
 */
final class EngineResponses {

  /** A body that does not have the documented shape; the message names the field. */
  static final class MalformedBody extends RuntimeException {
    MalformedBody(String message) {
      super(message);
    }
  }

  /** One worker row; {@code labelsListed} is false when the engine left the labels out. */
  record WorkerRow(EngineWorker worker, boolean labelsListed) {}

  /** One page of the worker list and whether another page follows. */
  record WorkerPage(List<WorkerRow> rows, boolean morePages) {}

  /** One page of the workflow list and whether another page follows. */
  record WorkflowPage(List<EngineWorkflow> rows, boolean morePages) {}

  private EngineResponses() {}

  static WorkflowPage workflowPage(JsonNode root) {
    requireObject(root, "the body");
    JsonNode rows = root.get("rows");
    List<EngineWorkflow> workflows = new ArrayList<>();
    if (rows != null && !rows.isNull()) {
      if (!rows.isArray()) {
        throw new MalformedBody("'rows' is " + rows.getNodeType() + ", expected an array");
      }
      for (int i = 0; i < rows.size(); i++) {
        JsonNode row = rows.get(i);
        requireObject(row, "rows[" + i + "]");
        workflows.add(new EngineWorkflow(text(row.path("metadata").get("id"),
            "rows[" + i + "].metadata.id"), text(row.get("name"), "rows[" + i + "].name")));
      }
    }
    return new WorkflowPage(workflows, morePages(root, !workflows.isEmpty()));
  }

  /** The {@code V1TaskRunMetrics} array: one {@code {status, count}} per status. */
  static TaskRunCounts taskRunCounts(JsonNode root) {
    if (root == null || !root.isArray()) {
      throw new MalformedBody("the body is " + (root == null ? "missing" : root.getNodeType())
          + ", expected an array of {status, count}");
    }
    Map<String, Long> counts = new HashMap<>();
    for (int i = 0; i < root.size(); i++) {
      JsonNode row = root.get(i);
      requireObject(row, "[" + i + "]");
      String status = text(row.get("status"), "[" + i + "].status");
      JsonNode count = row.get("count");
      if (count == null || !count.isIntegralNumber() || count.asLong() < 0) {
        throw new MalformedBody("'[" + i + "].count' is " + (count == null ? "missing" : count)
            + ", expected a non-negative integer");
      }
      counts.merge(status, count.asLong(), Long::sum);
    }
    return new TaskRunCounts(counts.getOrDefault("QUEUED", 0L),
        counts.getOrDefault("RUNNING", 0L), counts.getOrDefault("COMPLETED", 0L),
        counts.getOrDefault("CANCELLED", 0L), counts.getOrDefault("FAILED", 0L));
  }

  private static boolean morePages(JsonNode root, boolean gotRows) {
    JsonNode pagination = root.get("pagination");
    if (pagination == null || !pagination.isObject() || !gotRows) {
      return false;
    }
    long current = pagination.path("current_page").asLong(0);
    long pages = pagination.path("num_pages").asLong(0);
    return current > 0 && current < pages;
  }

  static Map<String, TaskStats> taskStats(JsonNode root, Collection<String> requested) {
    requireObject(root, "the body");
    Map<String, TaskStats> stats = new LinkedHashMap<>();
    for (String task : requested) {
      JsonNode node = root.get(task);
      if (node == null || node.isNull()) {
        stats.put(task, TaskStats.empty(task));
        continue;
      }
      requireObject(node, "'" + task + "'");
      JsonNode queued = node.get("queued");
      JsonNode running = node.get("running");
      stats.put(task, new TaskStats(task,
          total(queued, task + ".queued"),
          total(running, task + ".running"),
          oldest(queued, task + ".queued.oldest")));
    }
    return stats;
  }

  static WorkerPage workerPage(JsonNode root) {
    requireObject(root, "the body");
    JsonNode rows = root.get("rows");
    List<WorkerRow> workers = new ArrayList<>();
    if (rows != null && !rows.isNull()) {
      if (!rows.isArray()) {
        throw new MalformedBody("'rows' is " + rows.getNodeType() + ", expected an array");
      }
      for (int i = 0; i < rows.size(); i++) {
        workers.add(worker(rows.get(i), "rows[" + i + "]"));
      }
    }
    JsonNode pagination = root.get("pagination");
    boolean more = false;
    if (pagination != null && pagination.isObject() && !workers.isEmpty()) {
      long current = pagination.path("current_page").asLong(0);
      long pages = pagination.path("num_pages").asLong(0);
      more = current > 0 && current < pages;
    }
    return new WorkerPage(workers, more);
  }

  static WorkerRow worker(JsonNode row, String where) {
    requireObject(row, where);
    String id = text(row.path("metadata").get("id"), where + ".metadata.id");
    String name = text(row.get("name"), where + ".name");
    EngineWorker.Status status = status(row.get("status"), where + ".status");
    int[] slots = slots(row, where);
    JsonNode labelNode = row.get("labels");
    boolean listed = labelNode != null && !labelNode.isNull();
    Map<String, String> labels = listed ? labels(labelNode, where + ".labels") : Map.of();
    Instant registered = instantOrNull(row.path("metadata").get("createdAt"));
    return new WorkerRow(new EngineWorker(id, name, status, slots[0], slots[1], slots[2] == 1,
        labels, registered), listed);
  }

  static Map<String, String> labels(JsonNode node, String where) {
    if (!node.isArray()) {
      throw new MalformedBody("'" + where + "' is " + node.getNodeType() + ", expected an array");
    }
    Map<String, String> labels = new HashMap<>();
    for (JsonNode label : node) {
      JsonNode key = label.get("key");
      JsonNode value = label.get("value");
      if (key != null && key.isTextual() && value != null && !value.isNull()) {
        labels.put(key.asText(), value.asText());
      }
    }
    return labels;
  }

  /** {busy, limit, reported(1|0)}: slotConfig's default type, else the sum, else maxRuns. */
  private static int[] slots(JsonNode row, String where) {
    JsonNode config = row.get("slotConfig");
    if (config != null && config.isObject() && config.size() > 0) {
      List<JsonNode> types = new ArrayList<>();
      if (config.has("default")) {
        types.add(config.get("default"));
      } else {
        config.forEach(types::add);
      }
      int limit = 0;
      int available = 0;
      for (JsonNode type : types) {
        if (!type.path("limit").isIntegralNumber() || !type.path("available").isIntegralNumber()) {
          return new int[] {0, 0, 0};
        }
        limit += type.get("limit").asInt();
        available += type.get("available").asInt();
      }
      return new int[] {Math.max(0, limit - available), Math.max(0, limit), 1};
    }
    JsonNode max = row.get("maxRuns");
    JsonNode free = row.get("availableRuns");
    if (max != null && max.isIntegralNumber() && free != null && free.isIntegralNumber()) {
      return new int[] {Math.max(0, max.asInt() - free.asInt()), Math.max(0, max.asInt()), 1};
    }
    return new int[] {0, 0, 0};
  }

  private static EngineWorker.Status status(JsonNode node, String where) {
    if (node == null || node.isNull()) {
      return EngineWorker.Status.ACTIVE;
    }
    try {
      return EngineWorker.Status.valueOf(node.asText());
    } catch (IllegalArgumentException e) {
      throw new MalformedBody("'" + where + "' is '" + node.asText()
          + "', expected ACTIVE, PAUSED or INACTIVE");
    }
  }

  private static long total(JsonNode stat, String where) {
    if (stat == null || stat.isNull()) {
      return 0;
    }
    requireObject(stat, "'" + where + "'");
    JsonNode total = stat.get("total");
    if (total == null || !total.isIntegralNumber() || total.asLong() < 0) {
      throw new MalformedBody("'" + where + ".total' is " + (total == null ? "missing" : total)
          + ", expected a non-negative integer");
    }
    return total.asLong();
  }

  private static Optional<Instant> oldest(JsonNode queued, String where) {
    JsonNode node = queued == null ? null : queued.get("oldest");
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    try {
      return Optional.of(OffsetDateTime.parse(node.asText()).toInstant());
    } catch (DateTimeParseException e) {
      throw new MalformedBody("'" + where + "' is '" + node.asText()
          + "', expected an RFC 3339 date-time");
    }
  }

  /** An RFC 3339 time, or null when absent or unreadable (it only feeds a measurement). */
  private static Instant instantOrNull(JsonNode node) {
    if (node == null || !node.isTextual()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(node.asText()).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static String text(JsonNode node, String where) {
    if (node == null || !node.isTextual() || node.asText().isBlank()) {
      throw new MalformedBody("'" + where + "' is " + (node == null ? "missing" : node)
          + ", expected a non-empty string");
    }
    return node.asText();
  }

  private static void requireObject(JsonNode node, String what) {
    if (node == null || !node.isObject()) {
      throw new MalformedBody(what + " is " + (node == null ? "missing" : node.getNodeType())
          + ", expected a JSON object");
    }
  }
}
