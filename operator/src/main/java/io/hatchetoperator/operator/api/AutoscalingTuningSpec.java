package io.hatchetoperator.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.ValidationRule;

/** The autoscaling policy's finer rules; every default is the value the simulator benchmark measured. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = ValidationRules.TUNING_DURATIONS_POSITIVE,
        message = ValidationRules.TUNING_DURATIONS_POSITIVE_MESSAGE)
public record AutoscalingTuningSpec(
        @JsonPropertyDescription("With no task waiting, the busy-slot average must exceed the capacity at the target"
                + " utilization by this share before workers are added (a waiting task adds them at once).")
        @Default("0.1") @Min(0) @Max(0.99)
        Double scaleUpTolerance,
        @JsonPropertyDescription("A scale-down must still fit the busy-slot average grown by this share.")
        @Default("0.1") @Min(0) @Max(0.99)
        Double scaleDownTolerance,
        @JsonPropertyDescription("A scale-up within this many holds after a scale-down is a flap: it doubles the"
                + " hold (up to scaleDown.maxHold).")
        @Default("3") @Min(1) @Max(1000)
        Integer flapHolds,
        @JsonPropertyDescription("A doubled hold that saw no flap for this many holds is halved.")
        @Default("6") @Min(1) @Max(1000)
        Integer calmHolds,
        @JsonPropertyDescription("The last worker is kept idle for this many typical gaps between tasks (at least the"
                + " pod start-up, at most idleBeforeZero).")
        @Default("4") @Min(1) @Max(1000)
        Integer lastPodGaps,
        @JsonPropertyDescription("Time constant of the busy-slot average that sizes the pool, in pod start-ups.")
        @Default("1.0") @Min(0.01) @Max(100)
        Double busySmoothing,
        @JsonPropertyDescription("Time constant of the arrival-rate average (e.g. 10s).")
        @Default("10s") @Pattern(ValidationRules.DURATION_PATTERN)
        String arrivalSmoothing,
        @JsonPropertyDescription("Weight of a new gap in the average gap between arrivals, in (0, 1].")
        @Default("0.25") @Min(0.01) @Max(1)
        Double gapWeight,
        @JsonPropertyDescription("Older completions fade from the task-duration estimate with this time constant"
                + " (e.g. 120s).")
        @Default("120s") @Pattern(ValidationRules.DURATION_PATTERN)
        String completionHorizon,
        @JsonPropertyDescription("Fading stops below this many completions, so an idle pool keeps its estimate.")
        @Default("5") @Min(0) @Max(1000000)
        Double completionEvidence,
        @JsonPropertyDescription("A burst period is trusted for pre-warming after this many equal intervals.")
        @Default("3") @Min(1) @Max(1000)
        Integer prewarmSightings,
        @JsonPropertyDescription("Intervals between bursts are equal within this share.")
        @Default("0.1") @Min(0) @Max(0.99)
        Double prewarmTolerance,
        @JsonPropertyDescription("Two bursts are at least this far apart (e.g. 60s).")
        @Default("60s") @Pattern(ValidationRules.DURATION_PATTERN)
        String prewarmMinSeparation) {
}
