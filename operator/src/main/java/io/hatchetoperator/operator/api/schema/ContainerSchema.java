package io.hatchetoperator.operator.api.schema;

import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** The schema published for each container of spec.template: other Container fields are kept as given. */
@PreserveUnknownFields
public record ContainerSchema(
        @Required @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$") String name,
        @Required String image) {
}
