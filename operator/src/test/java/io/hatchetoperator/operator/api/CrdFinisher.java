package io.hatchetoperator.operator.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The two things fabric8's CRD generator (7.5) cannot express, applied to its output to give the committed CRD:
 * the printer columns in the order they are declared on {@link HatchetWorkerPool} (the generator sorts them by
 * name, and kubectl shows them in CRD order), and {@code status.conditions} with the standard schema of
 * metav1.Condition (kubernetes/apimachinery {@code pkg/apis/meta/v1/types.go}: a list-type map keyed by type,
 * required type/status/lastTransitionTime/reason/message, status True/False/Unknown, the reason pattern and
 * the lengths).
 */
final class CrdFinisher {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER));

    private CrdFinisher() {
    }

    /** The finished CRD for the generator's {@code generated} YAML. */
    @SuppressWarnings("unchecked")
    static String finish(String generated) throws IOException {
        Map<String, Object> crd = YAML.readValue(generated, LinkedHashMap.class);
        for (Map<String, Object> version : (List<Map<String, Object>>) ((Map<String, Object>) crd.get("spec"))
                .get("versions")) {
            List<Map<String, Object>> columns = new ArrayList<>(
                    (List<Map<String, Object>>) version.get("additionalPrinterColumns"));
            List<String> order = declaredColumns();
            columns.sort(Comparator.comparingInt(c -> order.indexOf((String) c.get("name"))));
            version.put("additionalPrinterColumns", columns);
            Map<String, Object> schema = (Map<String, Object>) ((Map<String, Object>) version.get("schema"))
                    .get("openAPIV3Schema");
            Map<String, Object> status = (Map<String, Object>) ((Map<String, Object>) schema.get("properties"))
                    .get("status");
            Map<String, Object> statusProps = (Map<String, Object>) status.get("properties");
            statusProps.put("conditions", conditions((Map<String, Object>) statusProps.get("conditions")));
        }
        return YAML.writeValueAsString(crd);
    }

    /** The printer columns' names in declaration order. */
    static List<String> declaredColumns() {
        List<String> names = new ArrayList<>();
        for (AdditionalPrinterColumn c : HatchetWorkerPool.class.getAnnotationsByType(AdditionalPrinterColumn.class)) {
            names.add(c.name());
        }
        return names;
    }

    private static Map<String, Object> sorted(Object... keyValues) {
        Map<String, Object> out = new java.util.TreeMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            out.put((String) keyValues[i], keyValues[i + 1]);
        }
        return out;
    }

    private static Map<String, Object> conditions(Map<String, Object> generated) {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("lastTransitionTime", sorted("description", "When the status last changed.",
                "format", "date-time", "type", "string"));
        props.put("message", sorted("description", "Human-readable details.", "maxLength", 32768,
                "type", "string"));
        props.put("observedGeneration", sorted("description", "The metadata.generation the condition was set for.",
                "format", "int64", "minimum", 0, "type", "integer"));
        props.put("reason", sorted("description", "Machine-readable reason in CamelCase.", "maxLength", 1024,
                "minLength", 1, "pattern", "^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$", "type", "string"));
        props.put("status", sorted("description", "True, False or Unknown.",
                "enum", List.of("True", "False", "Unknown"), "type", "string"));
        props.put("type", sorted("description", "The condition's type, e.g. Ready.", "maxLength", 316,
                "pattern", "^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?"
                        + "(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])$", "type", "string"));
        Map<String, Object> items = new LinkedHashMap<>();
        items.put("properties", props);
        items.put("required", List.of("lastTransitionTime", "message", "reason", "status", "type"));
        items.put("type", "object");
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("description", generated.get("description"));
        out.put("items", items);
        out.put("type", "array");
        out.put("x-kubernetes-list-map-keys", List.of("type"));
        out.put("x-kubernetes-list-type", "map");
        return out;
    }
}
