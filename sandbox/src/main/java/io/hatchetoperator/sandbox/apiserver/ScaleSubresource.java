package io.hatchetoperator.sandbox.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.zjsonpatch.JsonPatch;
import java.util.Iterator;
import java.util.Map;

/**
 * A custom resource's {@code /scale} as the apiextensions API server serves it (kubernetes/kubernetes,
 * staging/src/k8s.io/apiextensions-apiserver/pkg/registry/customresource/etcd.go, scaleFromCustomResource and
 * the scale update): an autoscaling/v1 Scale whose spec.replicas is read from specReplicasPath (0 when unset),
 * status.replicas from statusReplicasPath and status.selector from labelSelectorPath; an update writes only
 * specReplicasPath, and a Scale carrying a resourceVersion other than the object's is a conflict.
 */
public final class ScaleSubresource {

  private static final ObjectMapper JSON = new ObjectMapper();

  private ScaleSubresource() {}

  /** The Scale of {@code object}. */
  public static ObjectNode scaleOf(JsonNode object, ScalePaths paths) {
    ObjectNode scale = JSON.createObjectNode().put("kind", "Scale").put("apiVersion", "autoscaling/v1");
    JsonNode meta = object.path("metadata");
    ObjectNode m = scale.putObject("metadata");
    for (String field : new String[] {"name", "namespace", "uid", "resourceVersion", "creationTimestamp"}) {
      if (meta.hasNonNull(field)) {
        m.set(field, meta.get(field));
      }
    }
    scale.putObject("spec").put("replicas", read(object, paths.specReplicasPath()).asLong(0));
    ObjectNode status = scale.putObject("status").put("replicas", read(object, paths.statusReplicasPath()).asLong(0));
    if (paths.labelSelectorPath() != null && read(object, paths.labelSelectorPath()).isTextual()) {
      status.put("selector", read(object, paths.labelSelectorPath()).asText());
    }
    return scale;
  }

  /**
   * {@code scale} after {@code patch} of the given Content-Type: a JSON merge patch (also used for the strategic
   * merge patch, which for a Scale, having no lists, is the same) or a JSON patch.
   */
  public static JsonNode patched(JsonNode scale, JsonNode patch, String contentType) {
    if (!patchTypeSupported(contentType)) {
      throw new IllegalArgumentException("unsupported patch Content-Type '" + contentType + "'");
    }
    return lower(contentType).startsWith("application/json-patch+json") ? JsonPatch.apply(patch, scale)
        : merge(scale.deepCopy(), patch);
  }

  /** True for the patch types the API server takes on /scale (apply patches excepted). */
  public static boolean patchTypeSupported(String contentType) {
    String type = lower(contentType);
    return type.startsWith("application/json-patch+json") || type.startsWith("application/merge-patch+json")
        || type.startsWith("application/strategic-merge-patch+json");
  }

  private static String lower(String s) {
    return s == null ? "" : s.toLowerCase(java.util.Locale.ROOT);
  }

  /** The replica count {@code scale} asks for, checked as the API server validates a Scale. */
  public static long replicasOf(JsonNode scale) {
    JsonNode replicas = scale.path("spec").path("replicas");
    if (!replicas.isIntegralNumber() || replicas.asLong() < 0 || replicas.asLong() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("spec.replicas: Invalid value: " + replicas
          + ": must be a whole number greater than or equal to 0");
    }
    return replicas.asLong();
  }

  /** {@code object} with its specReplicasPath set to {@code replicas}. */
  public static ObjectNode withReplicas(JsonNode object, ScalePaths paths, long replicas) {
    ObjectNode copy = object.deepCopy();
    String[] fields = paths.specReplicasPath().replaceFirst("^\\.", "").split("\\.");
    ObjectNode at = copy;
    for (int i = 0; i < fields.length - 1; i++) {
      at = at.has(fields[i]) && at.get(fields[i]).isObject() ? (ObjectNode) at.get(fields[i]) : at.putObject(fields[i]);
    }
    at.put(fields[fields.length - 1], replicas);
    return copy;
  }

  private static JsonNode read(JsonNode object, String path) {
    JsonNode at = object;
    for (String field : path.replaceFirst("^\\.", "").split("\\.")) {
      at = at.path(field);
    }
    return at;
  }

  /** RFC 7386 JSON merge patch. */
  static JsonNode merge(JsonNode target, JsonNode patch) {
    if (!patch.isObject()) {
      return patch;
    }
    ObjectNode out = target.isObject() ? (ObjectNode) target : JSON.createObjectNode();
    for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext();) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getValue().isNull()) {
        out.remove(e.getKey());
      } else {
        out.set(e.getKey(), merge(out.path(e.getKey()), e.getValue()));
      }
    }
    return out;
  }
}
