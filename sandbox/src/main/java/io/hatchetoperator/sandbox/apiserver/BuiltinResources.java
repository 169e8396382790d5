package io.hatchetoperator.sandbox.apiserver;

import java.util.List;

/**
 * The built-in resources the sandbox's cluster holds (what the operator and the pod simulator write), with the
 * columns a real API server's Tables have for pods and Deployments (kubernetes/kubernetes,
 * pkg/printers/internalversion/printers.go: podColumnDefinitions, deploymentColumnDefinitions,
 * eventColumnDefinitions for core/v1 Events) and Name/Age for the rest.
 */
public final class BuiltinResources {

  static final String AGE = "CreationTimestamp is a timestamp representing the server time when this object was "
      + "created.";

  static final List<PrinterColumn> POD_COLUMNS = List.of(PrinterColumn.nameColumn(),
      PrinterColumn.computed("Ready", 0, "The aggregate readiness state of this pod for accepting traffic."),
      PrinterColumn.computed("Status", 0, "The aggregate status of the containers in this pod."),
      PrinterColumn.computed("Restarts", 0, "The number of times the containers in this pod have been restarted "
          + "and when the last container in this pod has restarted."),
      PrinterColumn.computed("Age", 0, AGE),
      PrinterColumn.computed("IP", 1, "IP address allocated to the pod."),
      PrinterColumn.computed("Node", 1, "Name of the node the pod runs on."),
      PrinterColumn.computed("Nominated Node", 1, "Node the scheduler nominated for the pod."),
      PrinterColumn.computed("Readiness Gates", 1, "Readiness gates met out of declared."));

  static final List<PrinterColumn> DEPLOYMENT_COLUMNS = List.of(PrinterColumn.nameColumn(),
      PrinterColumn.computed("Ready", 0, "Number of the pod with ready state"),
      PrinterColumn.computed("Up-to-date", 0, "Total number of non-terminated pods targeted by this deployment "
          + "that have the desired template spec."),
      PrinterColumn.computed("Available", 0, "Total number of available pods (ready for at least minReadySeconds) "
          + "targeted by this deployment."),
      PrinterColumn.computed("Age", 0, AGE),
      PrinterColumn.computed("Containers", 1, "Names of each container in the template."),
      PrinterColumn.computed("Images", 1, "Images referenced by each container in the template."),
      PrinterColumn.computed("Selector", 1, "Label selector for pods."));

  static final List<PrinterColumn> NAME_AGE = List.of(PrinterColumn.nameColumn(),
      PrinterColumn.computed("Age", 0, AGE));

  private BuiltinResources() {}

  /** Every built-in resource served, in discovery order. */
  public static List<ApiResource> all() {
    return List.of(
        builtin("", "pods", "pod", "Pod", true, List.of("po"), List.of("all"), POD_COLUMNS),
        builtin("", "namespaces", "namespace", "Namespace", false, List.of("ns"), List.of(), NAME_AGE),
        builtin("", "secrets", "secret", "Secret", true, List.of(), List.of(), NAME_AGE),
        builtin("", "configmaps", "configmap", "ConfigMap", true, List.of("cm"), List.of(), NAME_AGE),
        builtin("", "events", "event", "Event", true, List.of("ev"), List.of(), EventRows.COLUMNS),
        builtin("", "services", "service", "Service", true, List.of("svc"), List.of("all"), NAME_AGE),
        builtin("apps", "deployments", "deployment", "Deployment", true, List.of("deploy"), List.of("all"),
            DEPLOYMENT_COLUMNS),
        builtin("apps", "replicasets", "replicaset", "ReplicaSet", true, List.of("rs"), List.of("all"), NAME_AGE),
        builtin("coordination.k8s.io", "leases", "lease", "Lease", true, List.of(), List.of(), NAME_AGE),
        builtin("events.k8s.io", "events", "event", "Event", true, List.of("ev"), List.of(), NAME_AGE));
  }

  private static ApiResource builtin(String group, String plural, String singular, String kind, boolean namespaced,
      List<String> shortNames, List<String> categories, List<PrinterColumn> columns) {
    return new ApiResource(group, "v1", plural, singular, kind, namespaced, shortNames, categories, columns, null,
        plural.equals("pods") || plural.equals("deployments") || plural.equals("replicasets"), CelAdmission.of(null));
  }
}
