package io.hatchetoperator.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The chart installs the CRD the operator generates, and its RBAC names that CRD's group and plural. */
class ChartCrdTest {

  private static final Path CHART_CRDS = ChartRenderer.CHART.resolve("crds");
  private static final Path GENERATED_CRDS = Path.of("..", "crds").toAbsolutePath().normalize();

  @Test
  void chartCarriesTheSameCrdFilesAsTheGeneratedCopy() throws IOException {
    List<Path> chartFiles = yamlFiles(CHART_CRDS);
    assertThat(chartFiles).as("CRD files in %s", CHART_CRDS).isNotEmpty();
    for (Path file : chartFiles) {
      Path generated = GENERATED_CRDS.resolve(file.getFileName().toString());
      assertThat(generated).as("%s has no generated counterpart", file).exists();
      assertThat(Files.readString(file))
          .as("%s differs from %s: copy the generated CRD into the chart", file, generated)
          .isEqualTo(Files.readString(generated));
    }
  }

  @Test
  void rbacGrantsThePoolResourceItsStatusAndNotItsScale() throws IOException {
    JsonNode crd = ChartRenderer.parse(Files.readString(yamlFiles(CHART_CRDS).get(0))).one(
        "CustomResourceDefinition", "hatchetworkerpools.hatchet-operator.io");
    String group = crd.at("/spec/group").asText();
    String plural = crd.at("/spec/names/plural").asText();
    RbacRules rules = RbacRules.of(ChartRenderer.renderDefaults().ofKind("ClusterRole"));

    assertThat(rules.verbs(group, plural)).contains("list", "watch");
    assertThat(crd.at("/spec/versions/0/subresources").has("status")).isTrue();
    assertThat(rules.verbs(group, plural + "/status")).contains("patch");
    assertThat(crd.at("/spec/versions/0/subresources/scale/specReplicasPath").asText()).isEqualTo(".spec.replicas");
    assertThat(rules.verbs(group, plural + "/scale"))
        .as("the scale subresource is for kubectl scale; the operator reads spec.replicas directly")
        .isEmpty();
  }

  private static List<Path> yamlFiles(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.toString().endsWith(".yml") || p.toString().endsWith(".yaml")).sorted().toList();
    }
  }
}
