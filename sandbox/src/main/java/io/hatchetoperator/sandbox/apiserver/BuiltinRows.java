package io.hatchetoperator.sandbox.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The cells of pods and Deployments as the API server computes them (kubernetes/kubernetes,
 * pkg/printers/internalversion/printers.go printPod and printDeployment); other built-in kinds get Name and Age.
 * A pod's status is its phase, overridden by its reason, then by a container's waiting or terminated reason
 * (the last container listed first, as printPod walks them), and Terminating once it has a deletion timestamp.
 */
public final class BuiltinRows {

  private BuiltinRows() {}

  /** The cells of {@code obj}, one of {@code resource}, for its columns. */
  public static List<Object> cells(ApiResource resource, JsonNode obj, Instant now) {
    String name = obj.path("metadata").path("name").asText();
    String age = HumanAge.since(obj.path("metadata").path("creationTimestamp").asText(null), now);
    return switch (resource.group() + "/" + resource.plural()) {
      case "/pods" -> pod(obj, name, age, now);
      case "apps/deployments" -> deployment(obj, name, age);
      case "/events" -> EventRows.cells(obj, now);
      default -> List.of(name, age);
    };
  }

  private static List<Object> pod(JsonNode pod, String name, String age, Instant now) {
    JsonNode status = pod.path("status");
    String reason = status.path("phase").asText("");
    if (!status.path("reason").asText("").isEmpty()) {
      reason = status.path("reason").asText();
    }
    int ready = 0;
    long restarts = 0;
    String lastRestart = null;
    boolean running = false;
    JsonNode containers = status.path("containerStatuses");
    for (int i = containers.size() - 1; i >= 0; i--) {
      JsonNode c = containers.get(i);
      restarts += c.path("restartCount").asLong(0);
      String finished = c.path("lastState").path("terminated").path("finishedAt").asText(null);
      if (finished != null && (lastRestart == null || finished.compareTo(lastRestart) > 0)) {
        lastRestart = finished;
      }
      JsonNode state = c.path("state");
      JsonNode terminated = state.path("terminated");
      if (!state.path("waiting").path("reason").asText("").isEmpty()) {
        reason = state.path("waiting").path("reason").asText();
      } else if (!terminated.path("reason").asText("").isEmpty()) {
        reason = terminated.path("reason").asText();
      } else if (terminated.isObject()) {
        reason = terminated.path("signal").asInt(0) != 0 ? "Signal:" + terminated.path("signal").asInt()
            : "ExitCode:" + terminated.path("exitCode").asInt();
      } else if (c.path("ready").asBoolean(false) && state.has("running")) {
        running = true;
        ready++;
      }
    }
    if (reason.equals("Completed") && running) {
      reason = conditionTrue(status, "Ready") ? "Running" : "NotReady";
    }
    if (!pod.path("metadata").path("deletionTimestamp").asText("").isEmpty()) {
      reason = "NodeLost".equals(status.path("reason").asText()) ? "Unknown" : "Terminating";
    }
    String restartCell = restarts != 0 && lastRestart != null
        ? restarts + " (" + HumanAge.since(lastRestart, now) + " ago)" : Long.toString(restarts);
    List<Object> cells = new ArrayList<>(List.of(name,
        ready + "/" + pod.path("spec").path("containers").size(), reason, restartCell, age));
    cells.add(status.path("podIP").asText("").isEmpty() ? "<none>" : status.path("podIP").asText());
    cells.add(pod.path("spec").path("nodeName").asText("").isEmpty() ? "<none>" : pod.path("spec").path("nodeName").asText());
    cells.add(status.path("nominatedNodeName").asText("").isEmpty() ? "<none>" : status.path("nominatedNodeName").asText());
    cells.add(readinessGates(pod));
    return cells;
  }

  private static String readinessGates(JsonNode pod) {
    JsonNode gates = pod.path("spec").path("readinessGates");
    if (gates.isEmpty()) {
      return "<none>";
    }
    int met = 0;
    for (JsonNode gate : gates) {
      met += conditionTrue(pod.path("status"), gate.path("conditionType").asText()) ? 1 : 0;
    }
    return met + "/" + gates.size();
  }

  private static boolean conditionTrue(JsonNode status, String type) {
    for (JsonNode c : status.path("conditions")) {
      if (type.equals(c.path("type").asText())) {
        return "True".equals(c.path("status").asText());
      }
    }
    return false;
  }

  private static List<Object> deployment(JsonNode d, String name, String age) {
    JsonNode spec = d.path("spec");
    JsonNode status = d.path("status");
    List<String> containerNames = new ArrayList<>();
    List<String> images = new ArrayList<>();
    for (JsonNode c : spec.path("template").path("spec").path("containers")) {
      containerNames.add(c.path("name").asText());
      images.add(c.path("image").asText());
    }
    return List.of(name, status.path("readyReplicas").asLong(0) + "/" + spec.path("replicas").asLong(0),
        status.path("updatedReplicas").asLong(0), status.path("availableReplicas").asLong(0), age,
        String.join(",", containerNames), String.join(",", images), selector(spec.path("selector")));
  }

  /** A label selector as {@code metav1.FormatLabelSelector} writes it: {@code k=v,k2 in (a,b)}, or {@code <none>}. */
  static String selector(JsonNode selector) {
    List<String> parts = new ArrayList<>();
    selector.path("matchLabels").fields().forEachRemaining(e -> parts.add(e.getKey() + "=" + e.getValue().asText()));
    for (JsonNode expr : selector.path("matchExpressions")) {
      List<String> values = new ArrayList<>();
      expr.path("values").forEach(v -> values.add(v.asText()));
      String key = expr.path("key").asText();
      switch (expr.path("operator").asText()) {
        case "In" -> parts.add(key + " in (" + String.join(",", values) + ")");
        case "NotIn" -> parts.add(key + " notin (" + String.join(",", values) + ")");
        case "Exists" -> parts.add(key);
        case "DoesNotExist" -> parts.add("!" + key);
        default -> parts.add(key + " " + expr.path("operator").asText());
      }
    }
    return parts.isEmpty() ? "<none>" : String.join(",", parts);
  }
}
