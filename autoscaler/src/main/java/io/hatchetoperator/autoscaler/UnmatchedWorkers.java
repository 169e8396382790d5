package io.hatchetoperator.autoscaler;

/**
 * What a scale-down may do with ready pods whose worker cannot be matched to them (their SDK does not report the
 * pod's name as a worker label, so the engine's slot figures cannot be tied to the pod).
 */
public enum UnmatchedWorkers {
    /**
     * Treat them as busy with unknown work: never remove them by lowering the count, and hold every scale-down of
     * the pool while any is ready (not-ready pods with no worker may still go). The default.
     */
    HOLD,
    /**
     * Remove them at a bounded rate (at most one per scale-down stabilization window) when no matched idle worker
     * is left to remove, relying on the SDK's own SIGTERM drain to finish or hand back their tasks.
     */
    TERMINATE
}
