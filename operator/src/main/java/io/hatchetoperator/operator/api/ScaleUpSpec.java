package io.hatchetoperator.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;

/** Limits on growing the pool. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScaleUpSpec(
        @JsonPropertyDescription("Use the lowest recommendation of this window before growing (e.g. 0s).")
        @Default("0s") @Pattern(ValidationRules.DURATION_PATTERN)
        String stabilization,
        @JsonPropertyDescription("Most replicas added by one decision (unset: no limit, one step to the target).")
        @Min(1)
        Integer maxStep) {
}
