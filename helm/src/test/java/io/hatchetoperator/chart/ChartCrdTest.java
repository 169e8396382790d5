package io.hatchetoperator.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The chart installs and upgrades the CRD the operator generates (templated from crds/ through files/crds, never
 * copied), keeps it on uninstall, and its RBAC names that CRD's group and plural.
 */
class ChartCrdTest {

  static final String CRD = "hatchetworkerpools.hatchet-operator.io";
  private static final Path GENERATED = Path.of("..", "crds", CRD + "-v1.yml").toAbsolutePath().normalize();

  @Test
  void theRenderedCrdIsTheGeneratedOneAnnotatedToBeKept() throws IOException {
    JsonNode rendered = ChartRenderer.renderDefaults().one("CustomResourceDefinition", CRD);
    JsonNode generated = ChartRenderer.parse(Files.readString(GENERATED)).one("CustomResourceDefinition", CRD);

    assertThat(rendered.at("/metadata/annotations/helm.sh~1resource-policy").asText())
        .as("helm uninstall must leave the CRD, and so every pool, in place").isEqualTo("keep");
    assertThat(rendered.at("/metadata/labels/app.kubernetes.io~1instance").asText()).isEqualTo(ChartRenderer.RELEASE);
    ObjectNode stripped = rendered.deepCopy();
    ((ObjectNode) stripped.get("metadata")).remove("annotations");
    ((ObjectNode) stripped.get("metadata")).remove("labels");
    assertThat(stripped).as("the chart's CRD differs from %s", GENERATED).isEqualTo(generated);
  }

  @Test
  void theChartHasNoCrdsFolderWhichHelmWouldNeverUpgrade() {
    assertThat(ChartRenderer.CHART.resolve("crds")).doesNotExist();
    assertThat(ChartRenderer.CHART.resolve("files/crds").resolve(GENERATED.getFileName())).exists();
  }

  /**
   * What {@code helm upgrade} applies is what {@code helm template} renders here, unless a template branches on
   * install versus upgrade or the CRD is a hook (hooks are not part of the release's manifest). helm-java cannot run
   * an upgrade without a reachable cluster, even as a client-only dry run, so this pins the equivalence instead.
   */
  @Test
  void anUpgradeRendersTheCrdLikeAnInstall() throws IOException {
    try (Stream<Path> templates = Files.walk(ChartRenderer.CHART.resolve("templates"))) {
      for (Path template : templates.filter(Files::isRegularFile).toList()) {
        assertThat(Files.readString(template)).as("%s renders differently on upgrade", template)
            .doesNotContain(".Release.IsUpgrade").doesNotContain(".Release.IsInstall");
      }
    }
    JsonNode crd = ChartRenderer.renderDefaults().one("CustomResourceDefinition", CRD);
    assertThat(crd.at("/metadata/annotations").has("helm.sh/hook")).as("a hook is not upgraded with the release")
        .isFalse();
  }

  @Test
  void crdsInstallFalseLeavesThemOut() {
    assertThat(ChartRenderer.render("crds:\n  install: false\n").ofKind("CustomResourceDefinition")).isEmpty();
  }

  @Test
  void rbacGrantsThePoolResourceItsStatusAndNotItsScale() {
    RenderedChart chart = ChartRenderer.renderDefaults();
    JsonNode crd = chart.one("CustomResourceDefinition", CRD);
    String group = crd.at("/spec/group").asText();
    String plural = crd.at("/spec/names/plural").asText();
    RbacRules rules = RbacRules.of(chart.operatorClusterRoles());

    assertThat(rules.verbs(group, plural)).contains("list", "watch");
    assertThat(crd.at("/spec/versions/0/subresources").has("status")).isTrue();
    assertThat(rules.verbs(group, plural + "/status")).contains("patch");
    assertThat(crd.at("/spec/versions/0/subresources/scale/specReplicasPath").asText()).isEqualTo(".spec.replicas");
    assertThat(rules.verbs(group, plural + "/scale"))
        .as("the scale subresource is for kubectl scale; the operator reads spec.replicas directly")
        .isEmpty();
  }
}
