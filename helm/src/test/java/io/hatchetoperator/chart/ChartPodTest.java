package io.hatchetoperator.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** The operator pod: its identity from the downward API, the image reference, spreading, and its network policy. */
class ChartPodTest {

  private static final String FULLNAME = ChartRenderer.RELEASE + "-hatchet-worker-operator";

  @Test
  void podNameAndNamespaceComeFromTheDownwardApi() {
    JsonNode container = ChartRenderer.renderDefaults().operatorContainer();
    assertThat(fieldRef(container, "POD_NAME")).isEqualTo("metadata.name");
    assertThat(fieldRef(container, "POD_NAMESPACE")).isEqualTo("metadata.namespace");
  }

  @Test
  void imageIsRegistryRepositoryAndDigestOrTag() {
    String digest = "sha256:" + "a1".repeat(32);
    assertThat(ChartRenderer.renderDefaults().operatorContainer().path("image").asText())
        .isEqualTo("hatchet-worker-operator:0.1.0");
    assertThat(ChartRenderer.render("image: {registry: ghcr.io/acme/, tag: '1.2'}\n").operatorContainer()
        .path("image").asText()).isEqualTo("ghcr.io/acme/hatchet-worker-operator:1.2");
    assertThat(ChartRenderer.render("image: {registry: registry.local:5000, tag: '1.2', digest: " + digest + "}\n")
        .operatorContainer().path("image").asText())
        .as("a digest pins the image; the tag is ignored")
        .isEqualTo("registry.local:5000/hatchet-worker-operator@" + digest);
  }

  @Test
  void twoReplicasSpreadOverZonesUnlessTold() {
    JsonNode spec = pod(ChartRenderer.render("replicaCount: 2\n"));
    assertThat(spec.at("/topologySpreadConstraints/0/topologyKey").asText()).isEqualTo("topology.kubernetes.io/zone");
    assertThat(spec.at("/topologySpreadConstraints/0/whenUnsatisfiable").asText()).isEqualTo("ScheduleAnyway");
    assertThat(spec.at("/topologySpreadConstraints/0/labelSelector/matchLabels/app.kubernetes.io~1instance").asText())
        .isEqualTo(ChartRenderer.RELEASE);
    assertThat(pod(ChartRenderer.renderDefaults()).has("topologySpreadConstraints")).isFalse();

    JsonNode custom = pod(ChartRenderer.render("""
        topologySpreadConstraints:
          - {maxSkew: 1, topologyKey: kubernetes.io/hostname, whenUnsatisfiable: DoNotSchedule}
        """));
    assertThat(custom.at("/topologySpreadConstraints/0/topologyKey").asText()).isEqualTo("kubernetes.io/hostname");
    assertThat(custom.at("/topologySpreadConstraints/0/labelSelector/matchLabels/app.kubernetes.io~1component")
        .asText()).as("the operator's own pods when no selector is given").isEqualTo("operator");
  }

  @Test
  void theRestrictedSecurityContextStays() {
    JsonNode spec = pod(ChartRenderer.renderDefaults());
    JsonNode container = spec.at("/containers/0/securityContext");
    assertThat(spec.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
    assertThat(spec.at("/securityContext/seccompProfile/type").asText()).isEqualTo("RuntimeDefault");
    assertThat(container.at("/allowPrivilegeEscalation").asBoolean(true)).isFalse();
    assertThat(container.at("/readOnlyRootFilesystem").asBoolean()).isTrue();
    assertThat(container.at("/capabilities/drop/0").asText()).isEqualTo("ALL");
  }

  @Test
  void networkPolicyOpensOnlyTheHttpPortToTheGivenPeers() {
    assertThat(ChartRenderer.renderDefaults().ofKind("NetworkPolicy")).isEmpty();
    JsonNode policy = ChartRenderer.render("""
        networkPolicy:
          enabled: true
          metricsFrom:
            - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: monitoring}}
        """).one("NetworkPolicy", FULLNAME);

    assertThat(policy.at("/spec/podSelector/matchLabels/app.kubernetes.io~1component").asText()).isEqualTo("operator");
    assertThat(policy.at("/spec/policyTypes").toString()).isEqualTo("[\"Ingress\"]");
    assertThat(policy.at("/spec/ingress/0/ports/0/port").asText()).isEqualTo("http");
    assertThat(policy.at("/spec/ingress/0/from/0/namespaceSelector/matchLabels/kubernetes.io~1metadata.name")
        .asText()).isEqualTo("monitoring");
  }

  @Test
  void restrictedEgressAllowsDnsAndTheListedDestinations() {
    JsonNode policy = ChartRenderer.render("""
        networkPolicy:
          enabled: true
          egress:
            enabled: true
            to:
              - to: [{ipBlock: {cidr: 10.0.0.1/32}}]
                ports: [{port: 443, protocol: TCP}]
        """).one("NetworkPolicy", FULLNAME);

    assertThat(policy.at("/spec/policyTypes").toString()).isEqualTo("[\"Ingress\",\"Egress\"]");
    assertThat(policy.at("/spec/egress/0/ports/0/port").asInt()).isEqualTo(53);
    assertThat(policy.at("/spec/egress/1/to/0/ipBlock/cidr").asText()).isEqualTo("10.0.0.1/32");
  }

  private static JsonNode pod(RenderedChart chart) {
    return chart.one("Deployment", FULLNAME).at("/spec/template/spec");
  }

  private static String fieldRef(JsonNode container, String name) {
    for (JsonNode env : container.path("env")) {
      if (name.equals(env.path("name").asText())) {
        return env.at("/valueFrom/fieldRef/fieldPath").asText();
      }
    }
    return null;
  }
}
