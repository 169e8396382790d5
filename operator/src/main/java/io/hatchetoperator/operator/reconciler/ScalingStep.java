package io.hatchetoperator.operator.reconciler;

import io.hatchetoperator.operator.api.HatchetWorkerPool;
import io.hatchetoperator.operator.api.HatchetWorkerPoolStatus;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The autoscaling seam of the reconciler. Called on a reconciler thread, once per reconciliation of an
 * autoscaled pool (spec.autoscaling set) whose spec is valid and whose engine Secrets are usable, just before
 * the Deployment is rendered from {@code status}. It may set status.desiredReplicas (together with
 * status.lastDecision, which marks it as a decision), the engine-side fields (queued, running,
 * slotUtilization, oldestQueuedAge, lastScaleTime) and the MetricsAvailable / ScalingLimited conditions; the
 * reconciler publishes the status and renders the Deployment from it. Exceptions propagate to JOSDK's retry.
 */
@FunctionalInterface
public interface ScalingStep {

    /** No autoscaling decisions: autoscaled pools stay at minReplicas (at least 1). */
    ScalingStep NONE = (pool, status, engine) -> Optional.empty();

    /**
     * Runs one step for {@code pool}, writing into {@code status} (the copy the reconciler will publish).
     *
     * @return when the pool should be reconciled again (e.g. the poll interval), or empty for the resync interval
     */
    Optional<Duration> apply(HatchetWorkerPool pool, HatchetWorkerPoolStatus status, EngineConnection engine);

    /**
     * Called instead of {@link #apply} when a pool that is not autoscaled by the operator (manual, or scaled by an
     * external autoscaler through spec.replicas) asks for fewer pods than its Deployment has: moves it from
     * {@code running} towards {@code target} through the scale-down protocol (pause workers, confirm them idle on
     * a later poll, give exactly their pods the lowest deletion cost, then lower the count), and writes into
     * {@code status} why it waits. The default (no engine to ask) lowers at once.
     *
     * @return the replica count to render now, between {@code target} and {@code running}
     */
    default int lower(HatchetWorkerPool pool, HatchetWorkerPoolStatus status, EngineConnection engine, int running,
                      int target) {
        return target;
    }

    /**
     * Called instead of {@link #apply} on a pool that is not autoscaled by the operator and not scaling down:
     * before its autoscaling state is dropped, resumes every worker paused for it and removes its autoscaling
     * figures and conditions from {@code status}. Cheap when there is nothing to undo.
     *
     * @return false when a paused worker could not be resumed yet (call again later; nothing was dropped)
     */
    default boolean release(HatchetWorkerPool pool, HatchetWorkerPoolStatus status, EngineConnection engine) {
        return true;
    }

    /**
     * Called on an informer thread when pool {@code namespace}/{@code name} has been deleted, so the step can
     * stop polling for it and drop its state. The default does nothing.
     */
    default void forget(String namespace, String name) {
    }

    /**
     * Called when the operator starts: the step must write nothing (not even what it queued) from the moment
     * {@code mayWrite} is false (the operator lost its Lease). The default ignores it (it writes nothing itself).
     */
    default void gate(java.util.function.BooleanSupplier mayWrite) {
    }

    /** Event sources that trigger reconciles for this step (e.g. a finished engine poll); none by default. */
    default List<EventSource<?, HatchetWorkerPool>> eventSources() {
        return List.of();
    }
}
