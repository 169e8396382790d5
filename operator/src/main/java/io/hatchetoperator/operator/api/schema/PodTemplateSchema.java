package io.hatchetoperator.operator.api.schema;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/**
 * The schema published for spec.template: a PodTemplateSpec with only the fields the operator relies on
 * declared (the full Pod schema would push the CRD past kubectl's client-side apply size limit).
 */
public record PodTemplateSchema(
        @JsonPropertyDescription("Labels and annotations of the worker pods.")
        MetadataSchema metadata,
        @Required
        @JsonPropertyDescription("A PodSpec: containers[0] is the worker.")
        PodSpecSchema spec) {
}
