package io.hatchetoperator.operator.reconciler;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.hatchetoperator.operator.api.HatchetWorkerPoolStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The pool's status conditions: their types, and an upsert that keeps lastTransitionTime honest. */
public final class PoolConditions {

    /** The Deployment is rendered from a valid spec and its pods are ready. */
    public static final String READY = "Ready";
    /** The spec passed the operator's checks. */
    public static final String SPEC_VALID = "SpecValid";
    /** The token Secret (and TLS Secrets) exist and hold what the workers need. */
    public static final String ENGINE_CONFIGURED = "EngineConfigured";
    /** The engine's queue and worker metrics could be read (written by the autoscaling step). */
    public static final String METRICS_AVAILABLE = "MetricsAvailable";
    /** A decision was capped by minReplicas, maxReplicas or a step limit (written by the autoscaling step). */
    public static final String SCALING_LIMITED = "ScalingLimited";

    private PoolConditions() {
    }

    /**
     * Sets condition {@code type}; lastTransitionTime changes only when the status flips.
     *
     * @return true when the status (True/False) changed or the condition is new
     */
    public static boolean set(HatchetWorkerPoolStatus status, String type, boolean value, String reason,
                              String message, Long generation, Clock clock) {
        List<Condition> conditions = new ArrayList<>(status.getConditions() == null ? List.of()
                : status.getConditions());
        Optional<Condition> existing = conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
        String statusValue = value ? "True" : "False";
        boolean flipped = existing.map(c -> !statusValue.equals(c.getStatus())).orElse(true);
        String since = flipped ? Instant.now(clock).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString()
                : existing.get().getLastTransitionTime();
        Condition updated = new ConditionBuilder().withType(type).withStatus(statusValue).withReason(reason)
                .withMessage(message).withObservedGeneration(generation).withLastTransitionTime(since).build();
        existing.ifPresentOrElse(c -> conditions.set(conditions.indexOf(c), updated), () -> conditions.add(updated));
        status.setConditions(conditions);
        return flipped;
    }

    /** The condition of {@code type}, if set. */
    public static Optional<Condition> get(HatchetWorkerPoolStatus status, String type) {
        return status == null || status.getConditions() == null ? Optional.empty()
                : status.getConditions().stream().filter(c -> type.equals(c.getType())).findFirst();
    }
}
