package io.hatchetoperator.operator.api;

/** The CEL rules (x-kubernetes-validations) of the resource and their messages, in one place. */
public final class ValidationRules {

    /** Scaling up from zero needs the tasks whose queue to watch (on spec). */
    public static final String TASKS_WHEN_MIN_ZERO = "!has(self.autoscaling) || !has(self.autoscaling.minReplicas)"
            + " || self.autoscaling.minReplicas > 0 || (has(self.tasks) && size(self.tasks) > 0)";
    /** Message of {@link #TASKS_WHEN_MIN_ZERO}. */
    public static final String TASKS_WHEN_MIN_ZERO_MESSAGE = "spec.tasks must list at least one task when "
            + "spec.autoscaling.minReplicas is 0: their queue is what scales the pool up from zero";
    /** The floor cannot exceed the ceiling (on spec.autoscaling). */
    public static final String MIN_LE_MAX = "!has(self.minReplicas) || !has(self.maxReplicas)"
            + " || self.minReplicas <= self.maxReplicas";
    /** Message of {@link #MIN_LE_MAX}. */
    public static final String MIN_LE_MAX_MESSAGE = "spec.autoscaling.minReplicas must be less than or equal to "
            + "spec.autoscaling.maxReplicas";
    /** Utilization is a share of capacity in (0, 1] (on spec.autoscaling). */
    public static final String UTILIZATION_RANGE = "!has(self.targetSlotUtilization)"
            + " || (self.targetSlotUtilization > 0.0 && self.targetSlotUtilization <= 1.0)";
    /** Message of {@link #UTILIZATION_RANGE}. */
    public static final String UTILIZATION_RANGE_MESSAGE = "spec.autoscaling.targetSlotUtilization must be greater "
            + "than 0 and at most 1 (a share of slot capacity, e.g. 0.8)";
    /** Mutual TLS needs a CA and a client certificate (on spec.engine.tls). */
    public static final String MTLS_NEEDS_CERTS = "!has(self.strategy) || self.strategy != 'mtls'"
            + " || (has(self.caSecretRef) && has(self.clientCertSecretRef))";
    /** Message of {@link #MTLS_NEEDS_CERTS}. */
    public static final String MTLS_NEEDS_CERTS_MESSAGE = "spec.engine.tls.strategy mtls needs both "
            + "spec.engine.tls.caSecretRef and spec.engine.tls.clientCertSecretRef";

    /** The pool's name becomes a label value (hatchet-operator.io/pool), at most 63 characters (on the root). */
    public static final String NAME_LENGTH = "size(self.metadata.name) <= 63";
    /** Message of {@link #NAME_LENGTH}. */
    public static final String NAME_LENGTH_MESSAGE = "metadata.name must be at most 63 characters: it is the value of "
            + "the pods' label hatchet-operator.io/pool (label values are at most 63 characters); choose a shorter "
            + "name";
    /**
     * spec.replicas and spec.autoscaling exclude each other (on spec) unless spec.autoscaling.source is External
     * (an HPA or KEDA writes spec.replicas): otherwise the operator decides the count, so a replicas there would be
     * silently ignored. Ratcheted: a pool stored with both before this rule existed may still be updated (the rule
     * has optionalOldSelf).
     */
    public static final String REPLICAS_XOR_AUTOSCALING = "!has(self.autoscaling) || !has(self.replicas)"
            + " || (has(self.autoscaling.source) && self.autoscaling.source == 'External')"
            + " || (oldSelf.hasValue() && has(oldSelf.value().autoscaling) && has(oldSelf.value().replicas))";
    /** Message of {@link #REPLICAS_XOR_AUTOSCALING}. */
    public static final String REPLICAS_XOR_AUTOSCALING_MESSAGE = "spec.replicas cannot be set together with "
            + "spec.autoscaling (the autoscaler decides the count; kubectl scale writes spec.replicas): remove "
            + "spec.replicas, or remove spec.autoscaling to size the pool by hand, or set "
            + "spec.autoscaling.source: External to let an HPA or KEDA write spec.replicas";
    /** A poll interval of at least one second (on spec.autoscaling). */
    public static final String POLL_INTERVAL_FLOOR = "!has(self.pollInterval)"
            + " || duration(self.pollInterval) >= duration('1s')";
    /** Message of {@link #POLL_INTERVAL_FLOOR}. */
    public static final String POLL_INTERVAL_FLOOR_MESSAGE = "spec.autoscaling.pollInterval must be at least 1s "
            + "(each poll costs the engine two requests per tenant): use e.g. 2s";
    /** A queue-delay target of at least one second (on spec.autoscaling). */
    public static final String QUEUE_DELAY_FLOOR = "!has(self.targetQueueDelay)"
            + " || duration(self.targetQueueDelay) >= duration('1s')";
    /** Message of {@link #QUEUE_DELAY_FLOOR}. */
    public static final String QUEUE_DELAY_FLOOR_MESSAGE = "spec.autoscaling.targetQueueDelay must be at least 1s "
            + "(the queue is read at most once a second): use e.g. 10s";

    /** The averaging time constants of spec.autoscaling.tuning are positive (on spec.autoscaling.tuning). */
    public static final String TUNING_DURATIONS_POSITIVE = "(!has(self.arrivalSmoothing)"
            + " || duration(self.arrivalSmoothing) > duration('0s')) && (!has(self.completionHorizon)"
            + " || duration(self.completionHorizon) > duration('0s'))";
    /** Message of {@link #TUNING_DURATIONS_POSITIVE}. */
    public static final String TUNING_DURATIONS_POSITIVE_MESSAGE = "spec.autoscaling.tuning.arrivalSmoothing and "
            + "spec.autoscaling.tuning.completionHorizon must be longer than 0s (they are averaging time constants):"
            + " use e.g. 10s and 120s, or leave them unset";

    /** The duration syntax: Go-style units, e.g. 500ms, 10s, 2m, 1h30m. */
    public static final String DURATION_PATTERN = "^([0-9]+(ms|s|m|h))+$";

    private ValidationRules() {
    }
}
