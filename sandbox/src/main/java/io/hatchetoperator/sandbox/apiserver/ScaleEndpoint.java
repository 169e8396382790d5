package io.hatchetoperator.sandbox.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * GET, PUT and PATCH of a custom resource's {@code /scale} over the mock, which has no scale subresource: the
 * object is read from the mock, turned into a Scale ({@link ScaleSubresource}), and an update is written back to
 * the object's specReplicasPath with a PUT carrying the object's resourceVersion (so a concurrent write conflicts),
 * after the CRD's CEL rules admitted the change ({@link CelAdmission}), as the API server validates the whole custom
 * resource on a scale update.
 */
final class ScaleEndpoint {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A response: status code and JSON body; {@code retriable} when the mock's write lost a race. */
  record Answer(int status, JsonNode body, boolean retriable) {
    Answer(int status, JsonNode body) {
      this(status, body, false);
    }
  }

  /** Attempts at a write that keeps losing races with other writers before the conflict is returned. */
  static final int ATTEMPTS = 5;

  private final MockForwarder mock;

  ScaleEndpoint(MockForwarder mock) {
    this.mock = mock;
  }

  /**
   * Serves one request. A write that did not pin a resourceVersion is retried on a fresh read when another writer
   * (the operator's status updates) got in between, as the API server's update loop does.
   */
  Answer handle(String method, String objectPath, ApiResource resource, String contentType, byte[] body)
      throws IOException, InterruptedException {
    Answer a = once(method, objectPath, resource, contentType, body);
    for (int i = 1; i < ATTEMPTS && a.retriable(); i++) {
      a = once(method, objectPath, resource, contentType, body);
    }
    return a;
  }

  private Answer once(String method, String objectPath, ApiResource resource, String contentType, byte[] body)
      throws IOException, InterruptedException {
    ScalePaths paths = resource.scale();
    MockForwarder.Reply current = mock.get(objectPath);
    if (current.status() != 200) {
      return new Answer(current.status(), ApiStatus.failure(current.status(), ApiStatus.reasonOf(current.status()),
          "the object of " + objectPath + "/scale could not be read (HTTP " + current.status() + ")"));
    }
    JsonNode object = JSON.readTree(current.body());
    JsonNode scale = ScaleSubresource.scaleOf(object, paths);
    if (method.equals("GET")) {
      return new Answer(200, scale);
    }
    if (!method.equals("PUT") && !method.equals("PATCH")) {
      return new Answer(405, ApiStatus.failure(405, "MethodNotAllowed", method + " is not allowed on /scale: use "
          + "GET, PUT or PATCH"));
    }
    if (method.equals("PATCH") && !ScaleSubresource.patchTypeSupported(contentType)) {
      return new Answer(415, ApiStatus.failure(415, "UnsupportedMediaType", "the body of a PATCH of /scale has "
          + "Content-Type '" + contentType + "': use application/merge-patch+json, "
          + "application/strategic-merge-patch+json or application/json-patch+json"));
    }
    JsonNode wanted;
    JsonNode sent;
    try {
      sent = JSON.readTree(body);
      wanted = method.equals("PUT") ? sent : ScaleSubresource.patched(scale, sent, contentType);
    } catch (IOException | RuntimeException e) {
      return new Answer(400, ApiStatus.failure(400, "BadRequest", "the body of the " + method + " of "
          + objectPath + "/scale is not " + (method.equals("PUT") ? "an autoscaling/v1 Scale" : "a valid patch of "
          + "an autoscaling/v1 Scale") + ": " + e.getMessage()));
    }
    String rv = wanted.path("metadata").path("resourceVersion").asText("");
    String currentRv = object.path("metadata").path("resourceVersion").asText("");
    if (!rv.isEmpty() && !rv.equals(currentRv)) {
      return new Answer(409, ApiStatus.failure(409, "Conflict", "Operation cannot be fulfilled on "
          + object.path("kind").asText() + " \"" + object.path("metadata").path("name").asText() + "\": the object "
          + "has been modified (resourceVersion " + currentRv + ", the Scale sent " + rv + "); please apply your "
          + "changes to the latest version and try again"));
    }
    long replicas;
    try {
      replicas = ScaleSubresource.replicasOf(wanted);
    } catch (IllegalArgumentException e) {
      return new Answer(422, ApiStatus.failure(422, "Invalid", "Scale.autoscaling \""
          + object.path("metadata").path("name").asText() + "\" is invalid: " + e.getMessage()));
    }
    JsonNode next = ScaleSubresource.withReplicas(object, paths, replicas);
    java.util.List<String> violations = resource.admission().violations(object, next);
    if (!violations.isEmpty()) {
      return new Answer(422, ApiStatus.failure(422, "Invalid", resource.kind() + "." + resource.group() + " \""
          + object.path("metadata").path("name").asText() + "\" is invalid: " + String.join(", ", violations)));
    }
    byte[] updated = next.toString().getBytes(StandardCharsets.UTF_8);
    MockForwarder.Reply written = mock.send("PUT", objectPath, "application/json", "application/json", updated);
    if (written.status() >= 300) {
      boolean pinned = !sent.path("metadata").path("resourceVersion").asText("").isEmpty();
      return new Answer(written.status(), JSON.readTree(written.body()), written.status() == 409 && !pinned);
    }
    return new Answer(200, ScaleSubresource.scaleOf(JSON.readTree(written.body()), paths));
  }
}
