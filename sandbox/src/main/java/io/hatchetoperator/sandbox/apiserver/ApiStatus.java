package io.hatchetoperator.sandbox.apiserver;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A metav1.Status failure, which kubectl prints as {@code Error from server (Reason): message}. */
final class ApiStatus {

  private static final ObjectMapper JSON = new ObjectMapper();

  private ApiStatus() {}

  static ObjectNode failure(int code, String reason, String message) {
    ObjectNode s = JSON.createObjectNode().put("kind", "Status").put("apiVersion", "v1");
    s.putObject("metadata");
    return s.put("status", "Failure").put("message", message).put("reason", reason).put("code", code);
  }

  static String reasonOf(int code) {
    return switch (code) {
      case 400 -> "BadRequest";
      case 404 -> "NotFound";
      case 409 -> "Conflict";
      case 415 -> "UnsupportedMediaType";
      case 422 -> "Invalid";
      default -> "InternalError";
    };
  }
}
