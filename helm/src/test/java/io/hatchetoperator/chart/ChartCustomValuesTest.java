package io.hatchetoperator.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What {@code helm template} renders with values a cluster operator would set. */
class ChartCustomValuesTest {

  private static final String FULLNAME = ChartRenderer.RELEASE + "-hatchet-worker-operator";

  @Test
  void watchedNamespacesGetRolesAndTheClusterRoleKeepsOnlyClusterScopedRules() {
    RenderedChart chart = ChartRenderer.render("watchNamespaces: [team-a, team-b]\n");
    RenderedChart allNamespaces = ChartRenderer.renderDefaults();

    RbacRules clusterWide = RbacRules.of(chart.operatorClusterRoles());
    assertThat(clusterWide.grants()).extracting(RbacRules.Grant::resource)
        .containsExactly("selfsubjectrulesreviews");
    for (String ns : List.of("team-a", "team-b")) {
      JsonNode role = chart.ofKind("Role").stream()
          .filter(r -> r.at("/metadata/namespace").asText().equals(ns)).findFirst().orElseThrow();
      JsonNode binding = chart.ofKind("RoleBinding").stream()
          .filter(r -> r.at("/metadata/namespace").asText().equals(ns)).findFirst().orElseThrow();
      assertThat(RbacRules.of(List.of(role)).plus(clusterWide))
          .as("the same grants as the all-namespaces ClusterRole, in %s only", ns)
          .isEqualTo(RbacRules.of(allNamespaces.operatorClusterRoles()));
      assertThat(binding.at("/roleRef/name").asText()).isEqualTo(role.at("/metadata/name").asText());
      assertThat(binding.at("/subjects/0/namespace").asText()).isEqualTo(ChartRenderer.NAMESPACE);
    }
    assertThat(chart.arg("--namespaces")).isEqualTo("team-a,team-b");
  }

  @Test
  void withoutLeaderElectionNorWatchedNamespacesNoClusterRoleIsNeeded() {
    RenderedChart chart = ChartRenderer.render("watchNamespaces: [team-a]\nleaderElection: {enabled: false}\n");

    assertThat(chart.operatorClusterRoles()).isEmpty();
    assertThat(chart.ofKind("ClusterRoleBinding")).isEmpty();
    assertThat(chart.ofKind("Role")).extracting(r -> r.at("/metadata/namespace").asText()).containsExactly("team-a");
    assertThat(chart.arg("--leader-election")).isEqualTo("false");
  }

  @Test
  void serviceMonitorScrapesTheMetricsServiceWithItsLabels() {
    RenderedChart chart = ChartRenderer.render("""
        httpPort: 9090
        metrics:
          service: {enabled: true, port: 9091}
          serviceMonitor: {enabled: true, interval: 15s, labels: {release: prometheus}}
        """);

    JsonNode monitor = chart.one("ServiceMonitor", FULLNAME);
    JsonNode service = chart.one("Service", FULLNAME + "-metrics");
    assertThat(monitor.at("/metadata/labels/release").asText()).isEqualTo("prometheus");
    assertThat(monitor.at("/spec/endpoints/0/port").asText()).isEqualTo(service.at("/spec/ports/0/name").asText());
    assertThat(monitor.at("/spec/endpoints/0/interval").asText()).isEqualTo("15s");
    assertThat(monitor.at("/spec/endpoints/0/path").asText()).isEqualTo("/metrics");
    service.at("/spec/selector").fields().forEachRemaining(e ->
        assertThat(monitor.at("/spec/selector/matchLabels").path(e.getKey()).asText()).isEqualTo(e.getValue().asText()));
    assertThat(service.at("/spec/ports/0/port").asInt()).isEqualTo(9091);
    assertThat(service.at("/spec/ports/0/targetPort").asText()).isEqualTo("http");
    assertThat(ChartRenderTest.port(chart.operatorContainer(), "http")).isEqualTo(9090);
    assertThat(chart.arg("--http-port")).isEqualTo("9090");
  }

  @Test
  void twoReplicasJsonLogsAndCustomResourcesReachTheDeployment() {
    RenderedChart chart = ChartRenderer.render("""
        replicaCount: 2
        logging: {format: json}
        resources:
          requests: {cpu: 250m, memory: 384Mi}
          limits: {cpu: "1", memory: 768Mi}
        image: {repository: registry.example/hwo, tag: dev-42}
        extraEnv: [{name: EXTRA, value: "1"}]
        """);

    JsonNode deployment = chart.one("Deployment", FULLNAME);
    JsonNode container = chart.operatorContainer();
    assertThat(deployment.at("/spec/replicas").asInt()).isEqualTo(2);
    assertThat(chart.arg("--leader-election")).isEqualTo("true");
    assertThat(chart.arg("--log-format")).isEqualTo("json");
    assertThat(chart.env("EXTRA")).isEqualTo("1");
    assertThat(container.at("/resources/requests/cpu").asText()).isEqualTo("250m");
    assertThat(container.at("/resources/limits/memory").asText()).isEqualTo("768Mi");
    assertThat(container.at("/image").asText()).isEqualTo("registry.example/hwo:dev-42");
  }

  @Test
  void twoReplicasSpreadOverNodesAndCanKeepOneThroughDrains() {
    RenderedChart chart = ChartRenderer.render("replicaCount: 2\npodDisruptionBudget: {enabled: true}\n");

    JsonNode pod = chart.one("Deployment", FULLNAME).at("/spec/template/spec");
    JsonNode term = pod.at("/affinity/podAntiAffinity/preferredDuringSchedulingIgnoredDuringExecution/0/podAffinityTerm");
    assertThat(term.path("topologyKey").asText()).isEqualTo("kubernetes.io/hostname");
    assertThat(term.at("/labelSelector/matchLabels")).isEqualTo(chart.one("Deployment", FULLNAME).at("/spec/selector/matchLabels"));
    JsonNode budget = chart.one("PodDisruptionBudget", FULLNAME);
    assertThat(budget.at("/spec/minAvailable").asInt()).isEqualTo(1);
    assertThat(budget.at("/spec/selector/matchLabels")).isEqualTo(term.at("/labelSelector/matchLabels"));

    assertThat(ChartRenderer.renderDefaults().one("Deployment", FULLNAME).at("/spec/template/spec").has("affinity"))
        .as("one replica: no anti-affinity, no budget").isFalse();
    assertThat(ChartRenderer.renderDefaults().ofKind("PodDisruptionBudget")).isEmpty();
  }

  @Test
  void aSettingsChangeRollsThePods() {
    String text = checksum(ChartRenderer.renderDefaults());
    String json = checksum(ChartRenderer.render("logging: {format: json}\n"));

    assertThat(text).hasSize(64).isNotEqualTo(json);
  }

  private static String checksum(RenderedChart chart) {
    return chart.one("Deployment", FULLNAME).at("/spec/template/metadata/annotations").path("checksum/settings").asText();
  }
}
