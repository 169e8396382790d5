package io.hatchetoperator.worker;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.hatchetoperator.worker.client.Json;
import java.util.Map;

/** The outputs of a finished, successful run: JSON text per task name. */
public record RunResult(String runId, Map<String, String> outputs) {

  public RunResult {
    outputs = Map.copyOf(outputs);
  }

  /** The output of {@code taskName} decoded to {@code type}. */
  public <T> T output(String taskName, Class<T> type) {
    String json = outputs.get(taskName);
    if (json == null) {
      throw new IllegalArgumentException("run " + runId + " has no output for task '" + taskName
          + "'; it has " + outputs.keySet());
    }
    try {
      return Json.MAPPER.readValue(json.isEmpty() ? "null" : json, type);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("output of task '" + taskName + "' of run " + runId
          + " is not a " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
    }
  }
}
