package io.hatchetoperator.operator.api.schema;

import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import java.util.Map;

/** The schema published for spec.template.metadata: labels and annotations copied onto the worker pods. */
@PreserveUnknownFields
public record MetadataSchema(Map<String, String> labels, Map<String, String> annotations) {
}
