package io.hatchetoperator.sandbox.apiserver;

import java.util.Locale;
import java.util.Optional;

/**
 * What a request asks of a Table: the meta.k8s.io version named in its Accept header (the first acceptable of
 * {@code application/json;as=Table;v=v1;g=meta.k8s.io} and {@code ...v=v1beta1...}) and {@code includeObject}
 * (Metadata by default, Object, or None), as the API server negotiates it
 * (staging/src/k8s.io/apiserver/pkg/endpoints/handlers/response.go, asTable).
 */
public record TableRequest(String version, String includeObject) {

  /** The Table request in {@code accept}, or empty when the client wants plain objects. */
  public static Optional<TableRequest> from(String accept, String includeObject) {
    if (accept == null) {
      return Optional.empty();
    }
    for (String type : accept.split(",")) {
      String as = null;
      String g = null;
      String v = null;
      String[] parts = type.split(";");
      if (!parts[0].trim().equalsIgnoreCase("application/json")) {
        continue;
      }
      for (int i = 1; i < parts.length; i++) {
        String[] kv = parts[i].trim().split("=", 2);
        if (kv.length == 2) {
          switch (kv[0].trim().toLowerCase(Locale.ROOT)) {
            case "as" -> as = kv[1].trim();
            case "g" -> g = kv[1].trim();
            case "v" -> v = kv[1].trim();
            default -> { }
          }
        }
      }
      if (as == null) {
        return Optional.empty();
      }
      if ("Table".equals(as) && "meta.k8s.io".equals(g) && ("v1".equals(v) || "v1beta1".equals(v))) {
        return Optional.of(new TableRequest(v, includeObject == null || includeObject.isEmpty() ? "Metadata"
            : includeObject));
      }
    }
    return Optional.empty();
  }

  /** The Table's apiVersion. */
  public String apiVersion() {
    return "meta.k8s.io/" + version;
  }

  /** A bad {@code includeObject} value, named with the values the API server accepts; null when it is fine. */
  public String problem() {
    return switch (includeObject) {
      case "Metadata", "Object", "None" -> null;
      default -> "unrecognized includeObject value: \"" + includeObject + "\" (use Metadata, Object or None)";
    };
  }
}
