package io.hatchetoperator.autoscaler.orchestrator;

/** Kinds of {@link ScalingEvent}. */
public enum ScalingEventType {
    /** The replica count was changed; the message is the decision's explanation. */
    SCALED,
    /** A worker was paused and its pod marked as the next to delete. */
    WORKER_CORDONED,
    /** A cordoned worker was given back its work (decision reversed, busy again, or pod not removed). */
    WORKER_UNCORDONED,
    /** Fewer pods are wanted, but no worker is idle: waiting rather than killing work. */
    SCALE_DOWN_BLOCKED,
    /** The engine's figures could not be read: the count is held. */
    METRICS_UNAVAILABLE
}
