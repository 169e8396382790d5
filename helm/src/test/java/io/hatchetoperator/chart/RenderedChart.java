package io.hatchetoperator.chart;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.NoSuchElementException;

/** The Kubernetes objects one {@code helm template} run produced, with look-ups by kind and name. */
record RenderedChart(List<JsonNode> objects) {

  List<JsonNode> ofKind(String kind) {
    return objects.stream().filter(o -> kind.equals(o.path("kind").asText())).toList();
  }

  JsonNode one(String kind, String name) {
    return objects.stream()
        .filter(o -> kind.equals(o.path("kind").asText()))
        .filter(o -> name.equals(o.path("metadata").path("name").asText()))
        .findFirst()
        .orElseThrow(() -> new NoSuchElementException(
            "no " + kind + " named " + name + " among " + summary()));
  }

  List<String> summary() {
    return objects.stream()
        .map(o -> o.path("kind").asText() + "/" + o.path("metadata").path("namespace").asText("")
            + "/" + o.path("metadata").path("name").asText())
        .toList();
  }

  /** The ClusterRoles the operator itself is bound to (not the aggregated roles for people who create pools). */
  List<JsonNode> operatorClusterRoles() {
    return ofKind("ClusterRole").stream()
        .filter(r -> r.at("/metadata/name").asText().equals(ChartRenderer.RELEASE + "-hatchet-worker-operator"))
        .toList();
  }

  /** The operator Deployment's single container. */
  JsonNode operatorContainer() {
    return one("Deployment", ChartRenderer.RELEASE + "-hatchet-worker-operator")
        .at("/spec/template/spec/containers/0");
  }

  /** The value of one plain env var of the operator container, or null when it is absent. */
  String env(String name) {
    for (JsonNode e : operatorContainer().path("env")) {
      if (name.equals(e.path("name").asText())) {
        return e.has("value") ? e.path("value").asText() : null;
      }
    }
    return null;
  }

  /** The value of the operator's {@code --option=value} argument, or null when it is not passed. */
  String arg(String option) {
    String prefix = option + "=";
    for (JsonNode a : operatorContainer().path("args")) {
      if (a.asText().startsWith(prefix)) {
        return a.asText().substring(prefix.length());
      }
    }
    return null;
  }
}
