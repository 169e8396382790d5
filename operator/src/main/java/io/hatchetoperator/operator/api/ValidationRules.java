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

    /** The duration syntax: Go-style units, e.g. 500ms, 10s, 2m, 1h30m. */
    public static final String DURATION_PATTERN = "^([0-9]+(ms|s|m|h))+$";

    private ValidationRules() {
    }
}
