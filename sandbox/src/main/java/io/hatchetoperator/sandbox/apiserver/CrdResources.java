package io.hatchetoperator.sandbox.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The resources a CustomResourceDefinition serves, one per served version, read as the API server reads them:
 * names, short names, categories, scope, printer columns (Name first, then {@code additionalPrinterColumns};
 * Name and Age when it has none) and the scale and status subresources.
 */
public final class CrdResources {

  private CrdResources() {}

  /** The resources of {@code crd} (a CustomResourceDefinition as JSON). */
  public static List<ApiResource> of(JsonNode crd) {
    JsonNode spec = crd.path("spec");
    JsonNode names = spec.path("names");
    List<ApiResource> out = new ArrayList<>();
    for (JsonNode version : spec.path("versions")) {
      if (!version.path("served").asBoolean(true)) {
        continue;
      }
      JsonNode scale = version.path("subresources").path("scale");
      ScalePaths scalePaths = scale.isMissingNode() || scale.isNull() ? null
          : new ScalePaths(scale.path("specReplicasPath").asText(), scale.path("statusReplicasPath").asText(),
              scale.path("labelSelectorPath").asText(null));
      out.add(new ApiResource(spec.path("group").asText(), version.path("name").asText(),
          names.path("plural").asText(), names.path("singular").asText(names.path("kind").asText().toLowerCase()),
          names.path("kind").asText(), !"Cluster".equals(spec.path("scope").asText()), strings(names, "shortNames"),
          strings(names, "categories"), columns(version.path("additionalPrinterColumns")), scalePaths,
          version.path("subresources").has("status"),
          CelAdmission.of(version.path("schema").path("openAPIV3Schema"))));
    }
    return out;
  }

  private static List<PrinterColumn> columns(JsonNode printerColumns) {
    List<PrinterColumn> out = new ArrayList<>();
    out.add(PrinterColumn.nameColumn());
    if (!printerColumns.isArray() || printerColumns.isEmpty()) {
      out.add(new PrinterColumn("Age", "date", "", BuiltinResources.AGE, 0, ".metadata.creationTimestamp"));
      return out;
    }
    for (JsonNode c : printerColumns) {
      String path = c.path("jsonPath").asText();
      out.add(new PrinterColumn(c.path("name").asText(), c.path("type").asText(), c.path("format").asText(""),
          c.path("description").asText("Custom resource definition column (in JSONPath format): " + path),
          c.path("priority").asInt(0), path));
    }
    return out;
  }

  private static List<String> strings(JsonNode node, String field) {
    List<String> out = new ArrayList<>();
    node.path(field).forEach(n -> out.add(n.asText()));
    return out;
  }
}
