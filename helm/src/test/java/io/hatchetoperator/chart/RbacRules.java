package io.hatchetoperator.chart;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The (apiGroup, resource, verb) grants of rendered Roles or ClusterRoles, as the RBAC authorizer reads them: a grant
 * from a rule with resourceNames allows only those names.
 *
 * @param unrestricted grants of rules without resourceNames
 * @param named grants of rules with resourceNames, with the names they allow
 */
record RbacRules(Set<Grant> unrestricted, Map<Grant, Set<String>> named) {

  /** One verb on one resource (or {@code resource/subresource}) of one API group. */
  record Grant(String apiGroup, String resource, String verb) {
    @Override
    public String toString() {
      return (apiGroup.isEmpty() ? "core" : apiGroup) + " " + resource + " " + verb;
    }
  }

  static RbacRules of(List<JsonNode> roles) {
    Set<Grant> any = new LinkedHashSet<>();
    Map<Grant, Set<String>> names = new HashMap<>();
    for (JsonNode role : roles) {
      for (JsonNode rule : role.path("rules")) {
        List<String> resourceNames = texts(rule.path("resourceNames"));
        for (String group : texts(rule.path("apiGroups"))) {
          for (String resource : texts(rule.path("resources"))) {
            for (String verb : texts(rule.path("verbs"))) {
              Grant grant = new Grant(group, resource, verb);
              if (resourceNames.isEmpty()) {
                any.add(grant);
              } else {
                names.computeIfAbsent(grant, g -> new TreeSet<>()).addAll(resourceNames);
              }
            }
          }
        }
      }
    }
    return new RbacRules(Set.copyOf(any), Map.copyOf(names));
  }

  /** Every grant, restricted to names or not. */
  Set<Grant> grants() {
    Set<Grant> all = new LinkedHashSet<>(unrestricted);
    all.addAll(named.keySet());
    return all;
  }

  /** True when a rule without resourceNames grants the verb exactly; the chart has no wildcards. */
  boolean allows(String apiGroup, String resource, String verb) {
    return unrestricted.contains(new Grant(apiGroup, resource, verb));
  }

  /** True when the verb is granted on the object {@code name} (empty: a request that names no object). */
  boolean allows(String apiGroup, String resource, String verb, String name) {
    Grant grant = new Grant(apiGroup, resource, verb);
    return unrestricted.contains(grant) || (!name.isEmpty() && named.getOrDefault(grant, Set.of()).contains(name));
  }

  /** The names a verb is restricted to (empty when it is not granted by name). */
  Set<String> names(String apiGroup, String resource, String verb) {
    return named.getOrDefault(new Grant(apiGroup, resource, verb), Set.of());
  }

  Set<String> verbs(String apiGroup, String resource) {
    Set<String> verbs = new TreeSet<>();
    grants().stream()
        .filter(g -> g.apiGroup().equals(apiGroup) && g.resource().equals(resource))
        .forEach(g -> verbs.add(g.verb()));
    return verbs;
  }

  RbacRules plus(RbacRules other) {
    Set<Grant> any = new LinkedHashSet<>(unrestricted);
    any.addAll(other.unrestricted);
    Map<Grant, Set<String>> names = new HashMap<>();
    for (Map<Grant, Set<String>> side : List.of(named, other.named)) {
      side.forEach((g, n) -> names.computeIfAbsent(g, k -> new TreeSet<>()).addAll(n));
    }
    return new RbacRules(Set.copyOf(any), Map.copyOf(names));
  }

  private static List<String> texts(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asText()));
    return values;
  }
}
