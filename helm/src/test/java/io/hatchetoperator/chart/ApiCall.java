package io.hatchetoperator.chart;

import java.util.Arrays;
import java.util.List;

/**
 * One recorded {@code METHOD PATH} request of the operator, read as the RBAC authorizer reads it:
 * API group, resource (with its subresource), namespace and verb.
 */
record ApiCall(String line, String apiGroup, String resource, String namespace, String name, String verb) {

  /** Parses {@code "GET /apis/apps/v1/namespaces/ns/deployments?watch=true"} and the like. */
  static ApiCall parse(String line) {
    String[] parts = line.trim().split("\\s+", 2);
    if (parts.length != 2 || !parts[1].startsWith("/")) {
      throw new IllegalArgumentException("recorded call '" + line + "' is not 'METHOD /path'");
    }
    String method = parts[0].toUpperCase();
    int query = parts[1].indexOf('?');
    String path = query < 0 ? parts[1] : parts[1].substring(0, query);
    String queryString = query < 0 ? "" : parts[1].substring(query + 1);
    List<String> segments = Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList();

    int start;
    String group;
    if (segments.size() >= 2 && segments.get(0).equals("api")) {
      group = "";
      start = 2;
    } else if (segments.size() >= 3 && segments.get(0).equals("apis")) {
      group = segments.get(1);
      start = 3;
    } else {
      throw new IllegalArgumentException("recorded call '" + line
          + "' is not a resource request (/api/v1/... or /apis/group/version/...)");
    }
    List<String> rest = segments.subList(start, segments.size());
    boolean watchPath = !rest.isEmpty() && rest.get(0).equals("watch");
    if (watchPath) {
      rest = rest.subList(1, rest.size());
    }
    String namespace = "";
    if (rest.size() >= 3 && rest.get(0).equals("namespaces")) {
      namespace = rest.get(1);
      rest = rest.subList(2, rest.size());
    }
    if (rest.isEmpty() || rest.size() > 3) {
      throw new IllegalArgumentException("recorded call '" + line + "' names no resource");
    }
    String resource = rest.size() == 3 ? rest.get(0) + "/" + rest.get(2) : rest.get(0);
    boolean named = rest.size() >= 2;
    boolean watch = watchPath || Arrays.asList(queryString.split("&")).contains("watch=true")
        || Arrays.asList(queryString.split("&")).contains("watch=1");
    return new ApiCall(line.trim(), group, resource, namespace, named ? rest.get(1) : "",
        verb(line, method, named, watch));
  }

  private static String verb(String line, String method, boolean named, boolean watch) {
    return switch (method) {
      case "GET" -> watch ? "watch" : named ? "get" : "list";
      case "POST" -> "create";
      case "PUT" -> "update";
      case "PATCH" -> "patch";
      case "DELETE" -> named ? "delete" : "deletecollection";
      default -> throw new IllegalArgumentException("recorded call '" + line + "' has an unknown method " + method);
    };
  }

  RbacRules.Grant grant() {
    return new RbacRules.Grant(apiGroup, resource, verb);
  }
}
