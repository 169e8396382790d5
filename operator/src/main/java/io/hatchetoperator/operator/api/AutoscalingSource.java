package io.hatchetoperator.operator.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** spec.autoscaling.source: who decides a pool's replica count. */
public enum AutoscalingSource {
    /** The default: the operator decides from the engine's queue and slots. */
    @JsonProperty("Engine") ENGINE,
    /**
     * An HPA or KEDA writes spec.replicas through the pool's scale subresource; the operator keeps it within
     * min/maxReplicas and carries out decreases only through its safe removal (pause, confirm idle, lowest
     * deletion cost).
     */
    @JsonProperty("External") EXTERNAL
}
