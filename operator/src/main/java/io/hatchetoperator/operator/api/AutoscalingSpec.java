package io.hatchetoperator.operator.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.ValidationRule;

/** Bounds and targets of queue-driven autoscaling (the decisions themselves live in the autoscaler module). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = ValidationRules.MIN_LE_MAX, message = ValidationRules.MIN_LE_MAX_MESSAGE)
@ValidationRule(value = ValidationRules.UTILIZATION_RANGE, message = ValidationRules.UTILIZATION_RANGE_MESSAGE)
@ValidationRule(value = ValidationRules.POLL_INTERVAL_FLOOR, message = ValidationRules.POLL_INTERVAL_FLOOR_MESSAGE)
@ValidationRule(value = ValidationRules.QUEUE_DELAY_FLOOR, message = ValidationRules.QUEUE_DELAY_FLOOR_MESSAGE)
public record AutoscalingSpec(
        @JsonPropertyDescription("Fewest workers; 0 allows scale to zero (then spec.tasks is required).")
        @Default("1") @Min(0) @Max(1000)
        Integer minReplicas,
        @JsonPropertyDescription("Most workers.")
        @Default("10") @Min(1) @Max(1000)
        Integer maxReplicas,
        @JsonPropertyDescription("Share of slot capacity to keep busy, in (0, 1].")
        @Default("0.8")
        Double targetSlotUtilization,
        @JsonPropertyDescription("Drain a backlog within this duration (e.g. 10s).")
        @Default("10s") @Pattern(ValidationRules.DURATION_PATTERN)
        String targetQueueDelay,
        @JsonPropertyDescription("How often the engine's queue and workers are read (e.g. 2s).")
        @Default("2s") @Pattern(ValidationRules.DURATION_PATTERN)
        String pollInterval,
        @JsonPropertyDescription("How fast the pool grows.")
        ScaleUpSpec scaleUp,
        @JsonPropertyDescription("How fast the pool shrinks.")
        ScaleDownSpec scaleDown,
        @JsonPropertyDescription("The longest the last worker is kept idle when minReplicas is 0: it stays about four"
                + " typical gaps between tasks while that fits in this, and goes after the pod start-up otherwise.")
        @Default("120s") @Pattern(ValidationRules.DURATION_PATTERN)
        String idleBeforeZero,
        @JsonPropertyDescription("Hold the current size and make no decisions.")
        @Default("false")
        Boolean paused,
        @JsonPropertyDescription("Pod start-up (pod created to worker registered) assumed until the operator has"
                + " measured the pool's; it is the break-even time idle capacity is kept (e.g. 10s).")
        @Default("10s") @Pattern(ValidationRules.DURATION_PATTERN)
        String podStartup,
        @JsonPropertyDescription("Start workers one pod start-up before a burst of a period seen three times.")
        @Default("true")
        Boolean prewarm,
        @JsonPropertyDescription("The policy's finer rules (tolerances, anti-flap, averaging, pre-warm detection);"
                + " each unset field keeps its measured default.")
        AutoscalingTuningSpec tuning,
        @JsonPropertyDescription("Who decides the count: Engine (the operator, from the engine's queue) or External"
                + " (an HPA or KEDA writes spec.replicas through the scale subresource; the operator keeps it within"
                + " min/maxReplicas and removes workers only once they are paused and confirmed idle).")
        @Default("Engine")
        AutoscalingSource source) {

    /** The fields of autoscaling v1 (pod start-up and pre-warming at their defaults). */
    public AutoscalingSpec(Integer minReplicas, Integer maxReplicas, Double targetSlotUtilization,
            String targetQueueDelay, String pollInterval, ScaleUpSpec scaleUp, ScaleDownSpec scaleDown,
            String idleBeforeZero, Boolean paused) {
        this(minReplicas, maxReplicas, targetSlotUtilization, targetQueueDelay, pollInterval, scaleUp, scaleDown,
                idleBeforeZero, paused, null, null, null, null);
    }

    /** The fields before tuning (its rules at their defaults). */
    public AutoscalingSpec(Integer minReplicas, Integer maxReplicas, Double targetSlotUtilization,
            String targetQueueDelay, String pollInterval, ScaleUpSpec scaleUp, ScaleDownSpec scaleDown,
            String idleBeforeZero, Boolean paused, String podStartup, Boolean prewarm) {
        this(minReplicas, maxReplicas, targetSlotUtilization, targetQueueDelay, pollInterval, scaleUp, scaleDown,
                idleBeforeZero, paused, podStartup, prewarm, null, null);
    }

    /** The fields before source (the operator decides). */
    public AutoscalingSpec(Integer minReplicas, Integer maxReplicas, Double targetSlotUtilization,
            String targetQueueDelay, String pollInterval, ScaleUpSpec scaleUp, ScaleDownSpec scaleDown,
            String idleBeforeZero, Boolean paused, String podStartup, Boolean prewarm,
            AutoscalingTuningSpec tuning) {
        this(minReplicas, maxReplicas, targetSlotUtilization, targetQueueDelay, pollInterval, scaleUp, scaleDown,
                idleBeforeZero, paused, podStartup, prewarm, tuning, null);
    }

    /** True when an external autoscaler writes spec.replicas (source External). */
    @JsonIgnore
    public boolean isExternal() {
        return source == AutoscalingSource.EXTERNAL;
    }

    /** minReplicas, 1 when unset. */
    public int effectiveMinReplicas() {
        return minReplicas == null ? 1 : minReplicas;
    }

    /** maxReplicas, 10 when unset. */
    public int effectiveMaxReplicas() {
        return maxReplicas == null ? 10 : maxReplicas;
    }

    /** prewarm, true when unset. */
    public boolean isPrewarm() {
        return !Boolean.FALSE.equals(prewarm);
    }

    /** True when decisions are suspended. */
    public boolean isPaused() {
        return Boolean.TRUE.equals(paused);
    }
}
