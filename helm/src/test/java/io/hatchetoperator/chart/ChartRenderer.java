package io.hatchetoperator.chart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Renders the chart with the Helm library embedded in helm-java (offline) and parses what it prints. */
final class ChartRenderer {

  /** The chart's directory; surefire runs with the module directory as working directory. */
  static final Path CHART = Path.of("hatchet-worker-operator").toAbsolutePath();
  static final String RELEASE = "hwo";
  static final String NAMESPACE = "operators";
  /** helm-java's embedded Helm assumes Kubernetes 1.20 offline, below the chart's kubeVersion floor (1.25). */
  static final String KUBE_VERSION = "1.30.0";

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private ChartRenderer() {
  }

  /** Renders with the chart's own values.yaml only. */
  static RenderedChart renderDefaults() {
    return parse(template().call());
  }

  /** Renders with {@code valuesYaml} layered over values.yaml, as {@code helm template -f} does. */
  static RenderedChart render(String valuesYaml) {
    return parse(template().withValuesFile(valuesFile(valuesYaml)).call());
  }

  private static TemplateCommand template() {
    return new Helm(CHART).template().withName(RELEASE).withNamespace(NAMESPACE).withKubeVersion(KUBE_VERSION);
  }

  private static Path valuesFile(String valuesYaml) {
    try {
      Path file = Files.createTempFile("values-", ".yaml");
      file.toFile().deleteOnExit();
      return Files.writeString(file, valuesYaml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static RenderedChart parse(String manifests) {
    List<JsonNode> objects = new ArrayList<>();
    try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(manifests)) {
      while (docs.hasNext()) {
        JsonNode doc = docs.next();
        if (doc != null && doc.isObject() && doc.has("kind")) {
          objects.add(doc);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("helm printed manifests that are not YAML:\n" + manifests, e);
    }
    return new RenderedChart(List.copyOf(objects));
  }
}
