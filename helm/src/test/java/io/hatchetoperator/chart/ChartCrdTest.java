package io.hatchetoperator.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
