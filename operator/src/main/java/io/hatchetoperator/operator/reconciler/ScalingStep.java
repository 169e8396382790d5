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
     * Called on an informer thread when pool {@code namespace}/{@code name} has been deleted, so the step can
     * stop polling for it and drop its state. The default does nothing.
     */
    default void forget(String namespace, String name) {
    }

    /** Event sources that trigger reconciles for this step (e.g. a finished engine poll); none by default. */
    default List<EventSource<?, HatchetWorkerPool>> eventSources() {
        return List.of();
    }
}
