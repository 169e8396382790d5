package io.hatchetoperator.operator.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** spec.autoscaling.scaleDown.unmatchedWorkers: what a scale-down may do with pods whose worker is not matched. */
public enum UnmatchedWorkersPolicy {
    /** Hold the scale-down while such a pod is ready (the default). */
    @JsonProperty("Hold") HOLD,
    /** Remove them one per stabilization window, relying on the SDK's SIGTERM drain. */
    @JsonProperty("Terminate") TERMINATE
}
