package io.hatchetoperator.sandbox.apiserver;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every resource the sandbox's API serves, grouped for discovery and looked up by request path. */
public record ApiCatalog(List<ApiResource> resources) {

  /** The built-in resources and those of the given CRD-derived resources. */
  public static ApiCatalog of(List<ApiResource> custom) {
    List<ApiResource> all = new ArrayList<>(BuiltinResources.all());
    all.addAll(custom);
    return new ApiCatalog(List.copyOf(all));
  }

  /** The resource at {@code group/version/plural}, if served. */
  public Optional<ApiResource> find(String group, String version, String plural) {
    return resources.stream()
        .filter(r -> r.group().equals(group) && r.version().equals(version) && r.plural().equals(plural))
        .findFirst();
  }

  /** The resources of one group version. */
  public List<ApiResource> in(String group, String version) {
    return resources.stream().filter(r -> r.group().equals(group) && r.version().equals(version)).toList();
  }

  /** The named groups (not the core group) with their versions, in order of first appearance. */
  public Map<String, List<String>> groups() {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (ApiResource r : resources) {
      if (!r.group().isEmpty()) {
        List<String> versions = out.computeIfAbsent(r.group(), g -> new ArrayList<>());
        if (!versions.contains(r.version())) {
          versions.add(r.version());
        }
      }
    }
    return out;
  }
}
