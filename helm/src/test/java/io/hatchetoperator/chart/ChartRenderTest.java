package io.hatchetoperator.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What {@code helm template} renders with the chart's default values. */
class ChartRenderTest {

  private static final String FULLNAME = ChartRenderer.RELEASE + "-hatchet-worker-operator";
  private final RenderedChart chart = ChartRenderer.renderDefaults();

  @Test
  void rendersTheOperatorsObjectsAndNothingElse() {
    assertThat(chart.summary()).containsExactlyInAnyOrder(
        "ServiceAccount/operators/" + FULLNAME,
        "CustomResourceDefinition//hatchetworkerpools.hatchet-operator.io",
        "ClusterRole//" + FULLNAME,
        "ClusterRole//" + FULLNAME + "-edit",
        "ClusterRole//" + FULLNAME + "-view",
        "ClusterRoleBinding//" + FULLNAME,
        "Role/operators/" + FULLNAME + "-leader-election",
        "RoleBinding/operators/" + FULLNAME + "-leader-election",
        "Service/operators/" + FULLNAME + "-metrics",
        "Deployment/operators/" + FULLNAME);
  }

  @Test
  void rbacHasNoWildcardsAndBindsTheOperatorsServiceAccount() {
    List<JsonNode> roles = new ArrayList<>(chart.ofKind("ClusterRole"));
    roles.addAll(chart.ofKind("Role"));
    for (JsonNode role : roles) {
      for (JsonNode rule : role.path("rules")) {
        for (String field : List.of("apiGroups", "resources", "verbs")) {
          rule.path(field).forEach(v -> assertThat(v.asText()).as("%s in %s", field, rule).isNotEqualTo("*"));
        }
        assertThat(rule.has("nonResourceURLs")).as("non-resource URLs in %s", rule).isFalse();
      }
    }
    JsonNode binding = chart.one("ClusterRoleBinding", FULLNAME);
    assertThat(binding.at("/roleRef/name").asText()).isEqualTo(FULLNAME);
    assertThat(binding.at("/subjects/0/name").asText()).isEqualTo(FULLNAME);
    assertThat(binding.at("/subjects/0/namespace").asText()).isEqualTo(ChartRenderer.NAMESPACE);
  }

  @Test
  void secretsAreReadOnlyAndLeasesOnlyInTheReleaseNamespace() {
    RbacRules rules = RbacRules.of(chart.operatorClusterRoles());
    assertThat(rules.verbs("", "secrets")).as("each named Secret watched by name, none written")
        .containsExactlyInAnyOrder("list", "watch");
    assertThat(rules.verbs("coordination.k8s.io", "leases")).isEmpty();

    JsonNode leaseRole = chart.one("Role", FULLNAME + "-leader-election");
    assertThat(leaseRole.at("/metadata/namespace").asText()).isEqualTo(ChartRenderer.NAMESPACE);
    assertThat(RbacRules.of(List.of(leaseRole)).verbs("coordination.k8s.io", "leases")).isNotEmpty();
  }

  @Test
  void operatorPodMeetsTheRestrictedPodSecurityStandard() {
    JsonNode pod = chart.one("Deployment", FULLNAME).at("/spec/template/spec");
    JsonNode container = chart.operatorContainer();

    assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
    assertThat(pod.at("/securityContext/seccompProfile/type").asText()).isEqualTo("RuntimeDefault");
    assertThat(container.at("/securityContext/allowPrivilegeEscalation").isBoolean()).isTrue();
    assertThat(container.at("/securityContext/allowPrivilegeEscalation").asBoolean()).isFalse();
    assertThat(container.at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
    assertThat(container.at("/securityContext/capabilities/drop/0").asText()).isEqualTo("ALL");
    assertThat(container.at("/volumeMounts/0/mountPath").asText()).as("writable /tmp for the JVM").isEqualTo("/tmp");
    assertThat(pod.path("serviceAccountName").asText()).isEqualTo(FULLNAME);
  }

  @Test
  void probesAndTheMetricsServiceUseTheOperatorsOneHttpPort() {
    JsonNode container = chart.operatorContainer();
    assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/healthz");
    assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/readyz");
    assertThat(container.at("/livenessProbe/httpGet/port").asText()).isEqualTo("http");
    assertThat(container.at("/readinessProbe/httpGet/port").asText()).isEqualTo("http");
    assertThat(port(container, "http")).isEqualTo(8080);
    assertThat(chart.arg("--http-port")).isEqualTo("8080");

    JsonNode service = chart.one("Service", FULLNAME + "-metrics");
    assertThat(service.at("/spec/ports/0/targetPort").asText()).isEqualTo("http");
    JsonNode podLabels = chart.one("Deployment", FULLNAME).at("/spec/template/metadata/labels");
    service.at("/spec/selector").fields().forEachRemaining(
        e -> assertThat(podLabels.path(e.getKey()).asText()).isEqualTo(e.getValue().asText()));
  }

  @Test
  void defaultSettingsWatchAllNamespacesWithLeaderElectionOnInTheReleaseNamespace() {
    assertThat(chart.one("Deployment", FULLNAME).at("/spec/replicas").asInt()).isEqualTo(1);
    assertThat(chart.arg("--namespaces")).as("all namespaces: option left out").isNull();
    assertThat(chart.arg("--leader-election")).isEqualTo("true");
    assertThat(chart.arg("--lease-name")).isEqualTo("hatchet-worker-operator");
    assertThat(chart.arg("--lease-namespace")).isEqualTo(ChartRenderer.NAMESPACE);
    assertThat(chart.arg("--server-side-apply")).isEqualTo("true");
    assertThat(chart.arg("--log-format")).isEqualTo("text");
    assertThat(chart.arg("--log-level")).isEqualTo("INFO");
    assertThat(chart.env("JAVA_TOOL_OPTIONS")).as("no JAVA_TOOL_OPTIONS by default").isNull();
    assertThat(chart.operatorContainer().at("/image").asText()).isEqualTo("hatchet-worker-operator:0.1.0");
    assertThat(chart.operatorContainer().at("/resources/limits/memory").asText()).isEqualTo("512Mi");
  }

  @Test
  void leaseRulesPassJosdksPermissionCheck() {
    // JOSDK 5.2.3 LeaderElectionManager.checkLeaseAccess (operator-framework-core): of the rules on
    // coordination.k8s.io leases whose resourceNames are empty or contain the Lease's name, the verbs together
    // must include create, update and get; otherwise the operator refuses to start.
    List<String> verbs = new ArrayList<>();
    for (JsonNode rule : chart.one("Role", FULLNAME + "-leader-election").path("rules")) {
      List<String> names = new ArrayList<>();
      rule.path("resourceNames").forEach(n -> names.add(n.asText()));
      if (names.isEmpty() || names.contains("hatchet-worker-operator")) {
        rule.path("verbs").forEach(v -> verbs.add(v.asText()));
      }
    }
    assertThat(verbs).as("fabric8's LeaseLock also renews with patch").contains("create", "update", "get", "patch");
  }

  static int port(JsonNode container, String name) {
    for (JsonNode p : container.path("ports")) {
      if (name.equals(p.path("name").asText())) {
        return p.path("containerPort").asInt();
      }
    }
    throw new AssertionError("no container port named " + name + " in " + container.path("ports"));
  }
}
