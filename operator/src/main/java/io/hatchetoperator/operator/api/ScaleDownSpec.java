package io.hatchetoperator.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;

/** Limits on shrinking the pool. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScaleDownSpec(
        @JsonPropertyDescription("Use the highest recommendation of this fixed window before shrinking (e.g. 60s)."
                + " Unset: the break-even hold, the pool's measured pod start-up, doubled up to maxHold after flaps.")
        @Pattern(ValidationRules.DURATION_PATTERN)
        String stabilization,
        @JsonPropertyDescription("Most replicas removed by one decision (unset: no limit).")
        @Min(1)
        Integer maxStep,
        @JsonPropertyDescription("The anti-flap hold (a scale-up soon after a scale-down doubles it) grows to at most"
                + " this (e.g. 300s).")
        @Default("300s") @Pattern(ValidationRules.DURATION_PATTERN)
        String maxHold) {

    /** The fields of autoscaling v1 (maxHold at its default). */
    public ScaleDownSpec(String stabilization, Integer maxStep) {
        this(stabilization, maxStep, null);
    }
}
