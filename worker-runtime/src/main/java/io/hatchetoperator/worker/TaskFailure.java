package io.hatchetoperator.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One failed task of a run, parsed from the error text the engine keeps. Java workers end that text with a
 * JSON line {@code {"__hatchet_error_metadata__":{"type":..,"message":..,"attempt":..}}}, the key the Python
 * SDK uses for its own error metadata ({@code TASK_RUN_ERROR_METADATA_KEY} in {@code hatchet_sdk/exceptions.py}).
 * The TypeScript SDK's {@code {"message","stack"}} object ({@code failure} in
 * {@code src/v1/client/worker/worker-internal.ts}: the stack's first line names the error class) and other SDKs'
 * {@code <type>: <message>} header are read too; anything else has type {@code HatchetError}.
 *
 * @param attempt the retry count of the failed attempt, -1 when the text does not say
 */
public record TaskFailure(String taskName, String type, String message, int attempt, String text) {

  /** The JSON key of the error metadata line. */
  public static final String METADATA_KEY = "__hatchet_error_metadata__";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Reads every failure text of an on-failure task's context (task name to error text), keeping their order. */
  public static java.util.Map<String, TaskFailure> parseAll(java.util.Map<String, String> errorTexts) {
    java.util.Map<String, TaskFailure> failures = new java.util.LinkedHashMap<>();
    errorTexts.forEach((task, text) -> failures.put(task, parse(task, text)));
    return failures;
  }

  /** Parses an engine error text; never throws. */
  public static TaskFailure parse(String taskName, String text) {
    String raw = text == null ? "" : text;
    String body = raw.strip();
    int lastLine = body.lastIndexOf('\n');
    String last = body.substring(lastLine + 1);
    if (last.startsWith("{") && last.contains(METADATA_KEY)) {
      try {
        JsonNode meta = JSON.readTree(last).path(METADATA_KEY);
        if (meta.hasNonNull("type")) {
          return new TaskFailure(taskName, meta.path("type").asText(), meta.path("message").asText(""),
              meta.path("attempt").asInt(-1), raw);
        }
      } catch (Exception e) {
        // not our metadata line: read the text as other SDKs write it
      }
    }
    if (body.startsWith("{") && !body.contains("\n")) {
      try {
        JsonNode ts = JSON.readTree(body);
        if (ts.hasNonNull("message")) {
          String message = ts.path("message").asText();
          String stackHead = ts.path("stack").asText("").lines().findFirst().orElse("");
          int colon = stackHead.indexOf(':');
          String type = colon > 0 && !stackHead.substring(0, colon).contains(" ")
              ? stackHead.substring(0, colon) : "Error";
          return new TaskFailure(taskName, type, message, -1, raw);
        }
      } catch (Exception e) {
        // not the TypeScript SDK's object: read it as a header below
      }
    }
    String header = body.lines().findFirst().orElse("");
    int colon = header.indexOf(": ");
    if (colon > 0 && !header.substring(0, colon).contains(" ")) {
      return new TaskFailure(taskName, header.substring(0, colon), header.substring(colon + 2), -1, raw);
    }
    return new TaskFailure(taskName, "HatchetError", body, -1, raw);
  }
}
