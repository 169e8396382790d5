package io.hatchetoperator.operator.api.schema;

import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/** The schema published for spec.template.spec: other PodSpec fields are kept as given. */
@PreserveUnknownFields
public record PodSpecSchema(
        @Required @Size(min = 1)
        @JsonPropertyDescription("The pod's containers; the first one is the Hatchet worker.")
        List<ContainerSchema> containers) {
}
