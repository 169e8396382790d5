package io.hatchetoperator.worker.runtime;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hatchetoperator.worker.TaskFailure;

/**
 * The text of a FAILED event, like Hatchet's Python SDK ({@code TaskRunError.serialize} in
 * {@code hatchet_sdk/exceptions.py}): {@code <type>: <message>}, the stack trimmed so one failure cannot flood
 * the engine, then a blank line and one JSON line under the Python SDK's metadata key carrying the exception
 * type, message and attempt, which {@link TaskFailure#parse} reads back on the client side.
 */
final class FailurePayload {
  private static final int MAX_FRAMES = 30;

  private FailurePayload() {}

  /** The failure text with its metadata line, for the attempt {@code retryCount} of run {@code taskRunId}. */
  static String of(Throwable error, String taskRunId, int retryCount) {
    return of(error) + "\n" + metadata(error.getClass().getName(),
        error.getMessage() == null ? "" : error.getMessage(), taskRunId, retryCount);
  }

  /** A failure the SDK itself decided (bad input, bad output): {@code message}, then the metadata line with {@code type}. */
  static String sdk(String type, String message, String taskRunId, int retryCount) {
    return message + "\n\n" + metadata(type, message, taskRunId, retryCount);
  }

  private static String metadata(String type, String message, String taskRunId, int retryCount) {
    ObjectNode meta = JsonNodeFactory.instance.objectNode();
    meta.putObject(TaskFailure.METADATA_KEY)
        .put("task_run_external_id", taskRunId)
        .put("type", type)
        .put("message", message)
        .put("attempt", retryCount);
    return meta.toString().replace("\u0000", "");
  }

  static String of(Throwable error) {
    StringBuilder text = new StringBuilder();
    Throwable current = error;
    for (int depth = 0; current != null && depth < 5; depth++, current = current.getCause()) {
      text.append(depth == 0 ? "" : "Caused by: ").append(current.getClass().getName());
      if (current.getMessage() != null) {
        text.append(": ").append(current.getMessage());
      }
      text.append('\n');
      StackTraceElement[] frames = current.getStackTrace();
      for (int i = 0; i < Math.min(frames.length, MAX_FRAMES); i++) {
        text.append("\tat ").append(frames[i]).append('\n');
      }
      if (frames.length > MAX_FRAMES) {
        text.append("\t... ").append(frames.length - MAX_FRAMES).append(" more\n");
      }
    }
    return text.toString().replace("\u0000", "");
  }
}
