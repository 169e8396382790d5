package io.hatchetoperator.operator;

import java.time.Duration;
import java.util.Set;

/**
 * Every setting of the operator process, with its default and unit, in one place. Build from
 * {@link #defaults()} and the {@code with*} methods; {@code OperatorMain} maps its command-line options here.
 *
 * @param namespaces          namespaces to watch; empty = all namespaces (default: all)
 * @param serverSideApply     write Deployments and status with server-side apply (default true; false against
 *                            API servers without SSA, such as the fabric8 CRUD mock)
 * @param leaderElection      run only while holding the Lease (default false; the chart turns it on)
 * @param leaseName           name of the coordination.k8s.io Lease (default hatchet-worker-operator)
 * @param leaseNamespace      namespace of the Lease; null = the client's namespace (default null)
 * @param leaseDuration       how long a lease is valid without renewal (default 15 s)
 * @param leaseRenewDeadline  how long the leader tries to renew before giving up (default 10 s)
 * @param leaseRetryPeriod    how often candidates retry (default 2 s)
 * @param httpPort            port of /healthz, /readyz and /metrics; 0 = ephemeral, negative = off (default 8080)
 * @param jsonLogs            log one JSON object per line (default false; applied by OperatorMain only)
 * @param resyncInterval      longest time between two reconciles of a pool (default 5 min)
 * @param secretRetryInitial  first re-check after a missing or bad Secret; doubles while it stays bad (default 5 s)
 * @param secretRetryMax      longest wait between those re-checks (default 5 min)
 * @param conflictRetry       re-try after a write conflict with the API server (default 1 s)
 * @param reconcileThreads    pools reconciled in parallel (default 10)
 */
public record OperatorSettings(
        Set<String> namespaces,
        boolean serverSideApply,
        boolean leaderElection,
        String leaseName,
        String leaseNamespace,
        Duration leaseDuration,
        Duration leaseRenewDeadline,
        Duration leaseRetryPeriod,
        int httpPort,
        boolean jsonLogs,
        Duration resyncInterval,
        Duration secretRetryInitial,
        Duration secretRetryMax,
        Duration conflictRetry,
        int reconcileThreads) {

    /** The name of the controller, the field manager and the Event source. */
    public static final String COMPONENT = "hatchet-worker-operator";

    /** Validates and freezes the settings. */
    public OperatorSettings {
        namespaces = Set.copyOf(namespaces);
        if (leaderElection && (leaseName == null || leaseName.isBlank())) {
            throw new IllegalArgumentException("leaseName is empty: name the Lease used for leader election");
        }
        if (reconcileThreads < 1) {
            throw new IllegalArgumentException("reconcileThreads is " + reconcileThreads + ": use 1 or more");
        }
    }

    /** The defaults listed above. */
    public static OperatorSettings defaults() {
        return new OperatorSettings(Set.of(), true, false, COMPONENT, null, Duration.ofSeconds(15),
                Duration.ofSeconds(10), Duration.ofSeconds(2), 8080, false, Duration.ofMinutes(5),
                Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofSeconds(1), 10);
    }

    /** Watch only these namespaces (empty = all). */
    public OperatorSettings withNamespaces(Set<String> value) {
        return new OperatorSettings(value, serverSideApply, leaderElection, leaseName, leaseNamespace, leaseDuration,
                leaseRenewDeadline, leaseRetryPeriod, httpPort, jsonLogs, resyncInterval, secretRetryInitial,
                secretRetryMax, conflictRetry, reconcileThreads);
    }

    /** Server-side apply on or off. */
    public OperatorSettings withServerSideApply(boolean value) {
        return new OperatorSettings(namespaces, value, leaderElection, leaseName, leaseNamespace, leaseDuration,
                leaseRenewDeadline, leaseRetryPeriod, httpPort, jsonLogs, resyncInterval, secretRetryInitial,
                secretRetryMax, conflictRetry, reconcileThreads);
    }

    /** Leader election on a Lease {@code name} in {@code namespace} (null = the client's namespace). */
    public OperatorSettings withLeaderElection(boolean on, String name, String namespace) {
        return new OperatorSettings(namespaces, serverSideApply, on, name, namespace, leaseDuration,
                leaseRenewDeadline, leaseRetryPeriod, httpPort, jsonLogs, resyncInterval, secretRetryInitial,
                secretRetryMax, conflictRetry, reconcileThreads);
    }

    /** Lease timings: duration, renew deadline, retry period. */
    public OperatorSettings withLeaseTimings(Duration duration, Duration renewDeadline, Duration retryPeriod) {
        return new OperatorSettings(namespaces, serverSideApply, leaderElection, leaseName, leaseNamespace, duration,
                renewDeadline, retryPeriod, httpPort, jsonLogs, resyncInterval, secretRetryInitial,
                secretRetryMax, conflictRetry, reconcileThreads);
    }

    /** The health and metrics port (0 = ephemeral, negative = off). */
    public OperatorSettings withHttpPort(int value) {
        return new OperatorSettings(namespaces, serverSideApply, leaderElection, leaseName, leaseNamespace,
                leaseDuration, leaseRenewDeadline, leaseRetryPeriod, value, jsonLogs, resyncInterval,
                secretRetryInitial, secretRetryMax, conflictRetry, reconcileThreads);
    }

    /** JSON logs on or off. */
    public OperatorSettings withJsonLogs(boolean value) {
        return new OperatorSettings(namespaces, serverSideApply, leaderElection, leaseName, leaseNamespace,
                leaseDuration, leaseRenewDeadline, leaseRetryPeriod, httpPort, value, resyncInterval,
                secretRetryInitial, secretRetryMax, conflictRetry, reconcileThreads);
    }

    /** Reconcile intervals: periodic resync, Secret re-check (initial and max), conflict retry. */
    public OperatorSettings withIntervals(Duration resync, Duration secretInitial, Duration secretMax,
                                          Duration conflict) {
        return new OperatorSettings(namespaces, serverSideApply, leaderElection, leaseName, leaseNamespace,
                leaseDuration, leaseRenewDeadline, leaseRetryPeriod, httpPort, jsonLogs, resync, secretInitial,
                secretMax, conflict, reconcileThreads);
    }

    /** Pools reconciled in parallel. */
    public OperatorSettings withReconcileThreads(int value) {
        return new OperatorSettings(namespaces, serverSideApply, leaderElection, leaseName, leaseNamespace,
                leaseDuration, leaseRenewDeadline, leaseRetryPeriod, httpPort, jsonLogs, resyncInterval,
                secretRetryInitial, secretRetryMax, conflictRetry, value);
    }
}
