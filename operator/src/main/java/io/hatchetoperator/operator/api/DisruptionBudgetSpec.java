package io.hatchetoperator.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;

/** A PodDisruptionBudget for the pool's pods, rendered when this section is present. */
public record DisruptionBudgetSpec(
        @JsonPropertyDescription("Pods of the pool that voluntary disruptions (node drains) may take down at once.")
        @Default("1") @Min(0)
        Integer maxUnavailable) {
}
