package io.hatchetoperator.chart;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The (apiGroup, resource, verb) grants of rendered Roles or ClusterRoles, as the RBAC authorizer reads them. */
record RbacRules(Set<Grant> grants) {

  /** One verb on one resource (or {@code resource/subresource}) of one API group. */
  record Grant(String apiGroup, String resource, String verb) {
    @Override
    public String toString() {
      return (apiGroup.isEmpty() ? "core" : apiGroup) + " " + resource + " " + verb;
    }
  }

  static RbacRules of(List<JsonNode> roles) {
    Set<Grant> grants = new LinkedHashSet<>();
    for (JsonNode role : roles) {
      for (JsonNode rule : role.path("rules")) {
        if (rule.has("resourceNames")) {
          throw new IllegalArgumentException("resourceNames are not modelled by this check: " + rule);
        }
        for (String group : texts(rule.path("apiGroups"))) {
          for (String resource : texts(rule.path("resources"))) {
            for (String verb : texts(rule.path("verbs"))) {
              grants.add(new Grant(group, resource, verb));
            }
          }
        }
      }
    }
    return new RbacRules(Set.copyOf(grants));
  }

  /** True when a rule grants the verb exactly; the chart has no wildcards, so none are honoured here. */
  boolean allows(String apiGroup, String resource, String verb) {
    return grants.contains(new Grant(apiGroup, resource, verb));
  }

  Set<String> verbs(String apiGroup, String resource) {
    Set<String> verbs = new TreeSet<>();
    grants.stream()
        .filter(g -> g.apiGroup().equals(apiGroup) && g.resource().equals(resource))
        .forEach(g -> verbs.add(g.verb()));
    return verbs;
  }

  RbacRules plus(RbacRules other) {
    Set<Grant> all = new LinkedHashSet<>(grants);
    all.addAll(other.grants);
    return new RbacRules(Set.copyOf(all));
  }

  private static List<String> texts(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asText()));
    return values;
  }
}
