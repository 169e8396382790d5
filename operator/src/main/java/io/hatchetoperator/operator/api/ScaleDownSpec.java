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
        @JsonPropertyDescription("Ready pods whose worker the operator cannot match (its SDK does not report the pod):"
                + " Hold (default) never removes them and holds the scale-down while one runs; Terminate removes"
                + " one per stabilization window and relies on the SDK's SIGTERM drain (see docs/sdks.md).")
        @Default("Hold")
        UnmatchedWorkersPolicy unmatchedWorkers,
        @JsonPropertyDescription("The anti-flap hold (a scale-up soon after a scale-down doubles it) grows to at most"
                + " this (e.g. 300s).")
        @Default("300s") @Pattern(ValidationRules.DURATION_PATTERN)
        String maxHold,
        @JsonPropertyDescription("A paused worker whose pod is still there this long after the count was lowered for"
                + " it is resumed and given work again (e.g. 120s).")
        @Default("120s") @Pattern(ValidationRules.DURATION_PATTERN)
        String cordonTimeout) {

    /** Limits with the default unmatched-worker policy (Hold) and hold cap. */
    public ScaleDownSpec(String stabilization, Integer maxStep) {
        this(stabilization, maxStep, null, null, null);
    }

    /** Limits with the default hold cap. */
    public ScaleDownSpec(String stabilization, Integer maxStep, UnmatchedWorkersPolicy unmatchedWorkers) {
        this(stabilization, maxStep, unmatchedWorkers, null, null);
    }

    /** Limits with the default cordon timeout. */
    public ScaleDownSpec(String stabilization, Integer maxStep, UnmatchedWorkersPolicy unmatchedWorkers,
            String maxHold) {
        this(stabilization, maxStep, unmatchedWorkers, maxHold, null);
    }

    /** unmatchedWorkers, Hold when unset. */
    public UnmatchedWorkersPolicy effectiveUnmatchedWorkers() {
        return unmatchedWorkers == null ? UnmatchedWorkersPolicy.HOLD : unmatchedWorkers;
    }
}
