package io.hatchetoperator.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;

/** How a stopping worker finishes its work. */
public record DrainSpec(
        @JsonPropertyDescription("Time a stopping worker has to finish running tasks (HATCHET_WORKER_DRAIN_TIMEOUT).")
        @Default("10m") @Pattern(ValidationRules.DURATION_PATTERN)
        String timeout) {
}
