package io.hatchetoperator.worker.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.hatchetoperator.worker.client.Json;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON an engine puts in {@code AssignedAction.action_payload}: {@code {"input":{..},
 * "parents":{"<task>":{output}}, "step_run_errors":{"<task>":"error"}, ...}} (the errors only for an on-failure
 * task). Other fields (triggers, overrides) are ignored.
 */
record ActionPayload(JsonNode input, Map<String, JsonNode> parents, Map<String, String> errors) {

  /** Parses the payload; throws {@link IOException} with Jackson's reason if it is not JSON. */
  static ActionPayload parse(String payload) throws IOException {
    if (payload == null || payload.isBlank()) {
      return new ActionPayload(NullNode.getInstance(), Map.of(), Map.of());
    }
    JsonNode root = Json.MAPPER.readTree(payload);
    JsonNode input = root.path("input");
    Map<String, JsonNode> parents = new LinkedHashMap<>();
    root.path("parents").fields().forEachRemaining(e -> parents.put(e.getKey(), e.getValue()));
    Map<String, String> errors = new LinkedHashMap<>();
    root.path("step_run_errors").fields().forEachRemaining(e -> errors.put(e.getKey(), e.getValue().asText()));
    return new ActionPayload(input.isMissingNode() ? NullNode.getInstance() : input, parents, errors);
  }
}
