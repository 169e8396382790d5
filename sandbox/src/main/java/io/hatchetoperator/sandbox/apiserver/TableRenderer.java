package io.hatchetoperator.sandbox.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Builds meta.k8s.io Tables: for a custom resource from its CRD's printer columns, each cell read with
 * {@link ColumnPath} and typed as kubernetes/kubernetes' apiextensions tableconvertor.go does (integer, number,
 * boolean, string as printed by JSONPath, date as an age; missing is null); for pods and Deployments with
 * {@link BuiltinRows}. Each row carries the object as {@code includeObject} asks.
 */
public final class TableRenderer {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, ColumnPath> PATHS = new ConcurrentHashMap<>();

  private TableRenderer() {}

  /** A Table of {@code objects}; column definitions only when {@code headers} (a watch sends them once). */
  public static ObjectNode render(ApiResource resource, List<JsonNode> objects, String resourceVersion,
      TableRequest request, boolean headers, Instant now) {
    ObjectNode table = JSON.createObjectNode().put("kind", "Table").put("apiVersion", request.apiVersion());
    ObjectNode metadata = table.putObject("metadata");
    if (resourceVersion != null) {
      metadata.put("resourceVersion", resourceVersion);
    }
    ArrayNode definitions = table.putArray("columnDefinitions");
    if (headers) {
      for (PrinterColumn c : resource.columns()) {
        definitions.addObject().put("name", c.name()).put("type", c.type()).put("format", c.format())
            .put("description", c.description()).put("priority", c.priority());
      }
    }
    ArrayNode rows = table.putArray("rows");
    for (JsonNode obj : objects) {
      ObjectNode row = rows.addObject();
      ArrayNode cells = row.putArray("cells");
      cells(resource, obj, now).forEach(cell -> cells.add(JSON.valueToTree(cell)));
      switch (request.includeObject()) {
        case "Object" -> row.set("object", obj);
        case "None" -> row.putNull("object");
        default -> row.putObject("object").put("kind", "PartialObjectMetadata")
            .put("apiVersion", request.apiVersion()).set("metadata", obj.path("metadata"));
      }
    }
    return table;
  }

  /** The cells of one object, Name first. */
  static List<Object> cells(ApiResource resource, JsonNode obj, Instant now) {
    if (!resource.custom()) {
      return BuiltinRows.cells(resource, obj, now);
    }
    List<Object> cells = new java.util.ArrayList<>();
    cells.add(obj.path("metadata").path("name").asText());
    for (PrinterColumn c : resource.columns().subList(1, resource.columns().size())) {
      List<JsonNode> found = PATHS.computeIfAbsent(c.jsonPath(), ColumnPath::parse).find(obj);
      cells.add(found.isEmpty() || found.get(0).isNull() ? null : cell(c.type(), found.get(0), now));
    }
    return cells;
  }

  private static Object cell(String type, JsonNode value, Instant now) {
    return switch (type) {
      case "integer" -> value.isNumber() ? (Object) value.asLong() : null;
      case "number" -> value.isNumber() ? (Object) value.asDouble() : null;
      case "boolean" -> value.isBoolean() ? (Object) value.asBoolean() : null;
      case "date" -> value.isTextual() ? HumanAge.since(value.asText(), now) : null;
      default -> printed(value);
    };
  }

  /** A value as Kubernetes' JSONPath prints it: text as is, integral numbers without a fraction, else JSON. */
  static String printed(JsonNode value) {
    if (value.isTextual()) {
      return value.asText();
    }
    if (value.isNumber()) {
      double d = value.asDouble();
      return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
    return value.toString();
  }
}
