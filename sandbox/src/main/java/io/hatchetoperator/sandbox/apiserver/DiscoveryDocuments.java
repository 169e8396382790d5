package io.hatchetoperator.sandbox.apiserver;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The unaggregated discovery documents: {@code /api} (APIVersions), {@code /apis} (APIGroupList),
 * {@code /apis/GROUP} (APIGroup) and each group version's APIResourceList, with the {@code /status} and
 * {@code /scale} subresources listed as the API server lists them (scale as autoscaling/v1 Scale, which is what
 * client-go's scale client resolves the kind from).
 */
public final class DiscoveryDocuments {

  private static final ObjectMapper JSON = new ObjectMapper();

  private DiscoveryDocuments() {}

  /** The document at {@code path}, or empty when it is no discovery path of {@code catalog}. */
  public static Optional<ObjectNode> at(String path, ApiCatalog catalog, String serverAddress) {
    String[] s = java.util.Arrays.stream(path.split("/")).filter(p -> !p.isEmpty()).toArray(String[]::new);
    if (s.length == 1 && s[0].equals("api")) {
      ObjectNode doc = JSON.createObjectNode().put("kind", "APIVersions");
      doc.putArray("versions").add("v1");
      doc.putArray("serverAddressByClientCIDRs").addObject().put("clientCIDR", "0.0.0.0/0")
          .put("serverAddress", serverAddress);
      return Optional.of(doc);
    }
    if (s.length == 2 && s[0].equals("api") && s[1].equals("v1")) {
      return Optional.of(resourceList("v1", catalog.in("", "v1")));
    }
    if (s.length == 1 && s[0].equals("apis")) {
      ObjectNode doc = JSON.createObjectNode().put("kind", "APIGroupList").put("apiVersion", "v1");
      ArrayNode groups = doc.putArray("groups");
      catalog.groups().forEach((group, versions) -> groups.add(group(group, versions)));
      return Optional.of(doc);
    }
    if (s.length == 2 && s[0].equals("apis") && catalog.groups().containsKey(s[1])) {
      return Optional.of(group(s[1], catalog.groups().get(s[1])).put("kind", "APIGroup").put("apiVersion", "v1"));
    }
    if (s.length == 3 && s[0].equals("apis") && !catalog.in(s[1], s[2]).isEmpty()) {
      return Optional.of(resourceList(s[1] + "/" + s[2], catalog.in(s[1], s[2])));
    }
    return Optional.empty();
  }

  private static ObjectNode group(String name, List<String> versions) {
    ObjectNode group = JSON.createObjectNode().put("name", name);
    ArrayNode list = group.putArray("versions");
    versions.forEach(v -> list.addObject().put("groupVersion", name + "/" + v).put("version", v));
    group.putObject("preferredVersion").put("groupVersion", name + "/" + versions.get(0))
        .put("version", versions.get(0));
    return group;
  }

  private static ObjectNode resourceList(String groupVersion, List<ApiResource> resources) {
    ObjectNode doc = JSON.createObjectNode().put("kind", "APIResourceList").put("apiVersion", "v1")
        .put("groupVersion", groupVersion);
    ArrayNode list = doc.putArray("resources");
    for (ApiResource r : resources) {
      ObjectNode entry = list.addObject().put("name", r.plural()).put("singularName", r.singular())
          .put("namespaced", r.namespaced()).put("kind", r.kind());
      ApiResource.VERBS.forEach(entry.putArray("verbs")::add);
      if (!r.shortNames().isEmpty()) {
        r.shortNames().forEach(entry.putArray("shortNames")::add);
      }
      if (!r.categories().isEmpty()) {
        r.categories().forEach(entry.putArray("categories")::add);
      }
      if (r.statusSubresource()) {
        subresource(list, r, "status", Map.of());
      }
      if (r.scale() != null) {
        subresource(list, r, "scale", Map.of("group", "autoscaling", "version", "v1", "kind", "Scale"));
      }
    }
    return doc;
  }

  private static void subresource(ArrayNode list, ApiResource r, String sub, Map<String, String> kind) {
    ObjectNode entry = list.addObject().put("name", r.plural() + "/" + sub).put("singularName", "")
        .put("namespaced", r.namespaced());
    entry.put("group", kind.getOrDefault("group", null));
    entry.put("version", kind.getOrDefault("version", null));
    entry.put("kind", kind.getOrDefault("kind", r.kind()));
    if (kind.isEmpty()) {
      entry.remove("group");
      entry.remove("version");
    }
    List.of("get", "patch", "update").forEach(entry.putArray("verbs")::add);
  }
}
