package io.hatchetoperator.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every request the operator made during its own test suite is allowed by the chart's RBAC, and the chart
 * grants nothing the operator did not use (bar a commented allow-list).
 */
class OperatorRbacCoverageTest {

  /** Grants the recorded suite cannot exercise against the CRUD mock, each with the reason the operator needs it. */
  static final Map<RbacRules.Grant, String> ALLOWED_UNUSED = Map.of(
      // The mock has no server-side apply, so the suite runs with serverSideApply=false (POST / PUT); on a real
      // cluster (the chart's default) KubernetesOwnedObjectWriter writes owned objects with an apply PATCH.
      grant("apps", "deployments", "patch"), "server-side apply of the pool's Deployment",
      grant("policy", "poddisruptionbudgets", "patch"), "server-side apply of the pool's PodDisruptionBudget",
      // KubernetesOwnedObjectWriter.apply updates (PUT) a PodDisruptionBudget whose spec.disruptionBudget changed
      // when server-side apply is off; the recorded suite creates and deletes budgets but never edits one.
      grant("policy", "poddisruptionbudgets", "update"), "PUT of a changed PodDisruptionBudget without SSA",
      // No request: API servers with the OwnerReferencesPermissionEnforcement admission plugin (OpenShift, hardened
      // clusters) only accept ownerReferences with blockOwnerDeletion=true from whoever may update the owner's
      // finalizers; DeploymentRenderer sets blockOwnerDeletion on the Deployment and the PodDisruptionBudget.
      grant("hatchet-operator.io", "hatchetworkerpools/finalizers", "update"), "blockOwnerDeletion admission",
      // No request: JOSDK's LeaderElectionManager refuses to start unless the rules naming its Lease (or none)
      // grant create, update and get between them; fabric8's LeaseLock renews with a JSON merge PATCH, never a PUT.
      grant("coordination.k8s.io", "leases", "update"), "JOSDK's lease-permission check");

  /** The Lease name the chart renders by default; the suite's operators use names of their own. */
  static final String CHART_LEASE = "hatchet-worker-operator";

  /** Cluster-scoped resources the operator calls; everything else it calls is namespaced. */
  static final Set<String> CLUSTER_SCOPED = Set.of("selfsubjectrulesreviews");

  private static List<ApiCall> calls;
  private static RbacRules clusterRole;
  private static RbacRules leaseRole;

  @BeforeAll
  static void readRecordingsAndRenderTheChart() throws IOException {
    calls = ApiCallRecordings.read(ApiCallRecordings.files());
    RenderedChart chart = ChartRenderer.renderDefaults();
    clusterRole = RbacRules.of(chart.operatorClusterRoles());
    leaseRole = RbacRules.of(chart.ofKind("Role"));
  }

  @Test
  void everyRecordedCallIsAllowed() {
    List<String> denied = calls.stream()
        .filter(c -> !allowed(c))
        .map(c -> c.line() + "  ->  " + c.grant())
        .sorted()
        .toList();

    assertThat(denied)
        .as("calls the operator made that the chart's RBAC would deny (recorded in %s); add the grant to"
            + " helm/hatchet-worker-operator/templates/_helpers.tpl", ApiCallRecordings.DIR)
        .isEmpty();
  }

  @Test
  void everyGrantIsUsedByARecordedCallOrExplained() {
    Set<RbacRules.Grant> used = calls.stream().map(ApiCall::grant).collect(Collectors.toSet());
    Set<String> unused = new TreeSet<>();
    clusterRole.plus(leaseRole).grants().stream()
        .filter(g -> !used.contains(g) && !ALLOWED_UNUSED.containsKey(g))
        .forEach(g -> unused.add(g.toString()));

    assertThat(unused)
        .as("grants no recorded call used: remove them from the chart, or explain them in ALLOWED_UNUSED")
        .isEmpty();
  }

  @Test
  void leasesAreUsedOnlyThroughTheReleaseNamespaceRole() {
    assertThat(calls).filteredOn(c -> c.resource().equals("leases"))
        .isNotEmpty()
        .allMatch(OperatorRbacCoverageTest::allowed);
    assertThat(clusterRole.verbs("coordination.k8s.io", "leases")).isEmpty();
  }

  @Test
  void namespacedRunsAreAllowedByTheRolesOfTheWatchedNamespacesAlone() throws IOException {
    Map<Path, List<ApiCall>> runs = new TreeMap<>();
    for (Path file : ApiCallRecordings.files()) {
      List<ApiCall> fileCalls = ApiCallRecordings.read(List.of(file));
      boolean namespaced = !fileCalls.isEmpty() && fileCalls.stream()
          .allMatch(c -> !c.namespace().isEmpty() || CLUSTER_SCOPED.contains(c.resource()));
      if (namespaced) {
        runs.put(file, fileCalls);
      }
    }
    assertThat(runs).as("no recording of an operator limited to some namespaces (all its calls namespaced) in %s",
        ApiCallRecordings.DIR).isNotEmpty();

    runs.forEach((file, fileCalls) -> {
      Set<String> namespaces = fileCalls.stream().map(ApiCall::namespace).filter(n -> !n.isEmpty())
          .collect(Collectors.toCollection(TreeSet::new));
      RenderedChart chart = ChartRenderer.render("watchNamespaces: [" + String.join(", ", namespaces) + "]\n");
      RbacRules cluster = RbacRules.of(chart.operatorClusterRoles());
      List<String> denied = fileCalls.stream()
          .filter(c -> !(c.namespace().isEmpty() ? cluster : roleIn(chart, c))
              .allows(c.apiGroup(), c.resource(), c.verb(), c.resource().equals("leases") && !c.name().isEmpty()
                  ? CHART_LEASE : c.name()))
          .map(c -> c.line() + "  ->  " + c.grant())
          .toList();
      assertThat(denied).as("calls of %s denied when the chart watches only %s", file.getFileName(), namespaces)
          .isEmpty();
    });
  }

  /** The Role that applies to a namespaced call: the lease Role for Leases, else the watched namespace's Role. */
  private static RbacRules roleIn(RenderedChart chart, ApiCall call) {
    if (call.resource().equals("leases")) {
      return RbacRules.of(chart.ofKind("Role").stream()
          .filter(r -> r.at("/metadata/name").asText().endsWith("-leader-election")).toList());
    }
    return RbacRules.of(chart.ofKind("Role").stream()
        .filter(r -> r.at("/metadata/namespace").asText().equals(call.namespace()))
        .filter(r -> !r.at("/metadata/name").asText().endsWith("-leader-election"))
        .toList());
  }

  /**
   * A Lease call is checked against the leader-election Role: the chart pins the operator's Lease to the
   * release namespace, whatever namespace the test suite used. Everything else needs the ClusterRole.
   */
  private static boolean allowed(ApiCall call) {
    if (call.apiGroup().equals("coordination.k8s.io") && call.resource().equals("leases")) {
      return leaseRole.allows(call.apiGroup(), call.resource(), call.verb(), call.name().isEmpty() ? "" : CHART_LEASE);
    }
    return clusterRole.allows(call.apiGroup(), call.resource(), call.verb());
  }

  private static RbacRules.Grant grant(String apiGroup, String resource, String verb) {
    return new RbacRules.Grant(apiGroup, resource, verb);
  }
}
