package io.hatchetoperator.operator.render;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.hatchetoperator.operator.api.WorkerRuntime;
import java.util.List;
import java.util.Optional;

/**
 * Pure: what each SDK really serves, so the operator adds only probes the worker can answer. Read in the SDKs'
 * sources (docs/sdks.md has the paths):
 * <ul>
 *   <li>TypeScript (@hatchet-dev/typescript-sdk 1.33.2, util/config-loader/config-loader.js and
 *       v1/client/worker/health-server.js): with HATCHET_CLIENT_WORKER_HEALTHCHECK_ENABLED=true it serves
 *       /health, /readyz (200 once registered and listening), /livez (200 whenever the process answers) and
 *       /metrics on HATCHET_CLIENT_WORKER_HEALTHCHECK_PORT (default 8001);</li>
 *   <li>Python (hatchet-sdk, hatchet_sdk/config.py and hatchet_sdk/worker/action_listener_process.py): when
 *       enabled it serves /health and /metrics only; /health answers 503 while starting, while stopping and while
 *       the event loop is blocked for more than 5 s (a busy worker), so it is used for readiness, never for
 *       liveness (a restart would kill the running tasks);</li>
 *   <li>Go (hatchet-dev/hatchet, sdks/go and pkg/worker): no health server, so no probe;</li>
 *   <li>Java (this project's worker runtime): the TypeScript SDK's endpoints, /healthz kept as an alias.</li>
 * </ul>
 * A container that sets HATCHET_CLIENT_WORKER_HEALTHCHECK_ENABLED to anything but true gets no probe; one that sets
 * HATCHET_CLIENT_WORKER_HEALTHCHECK_PORT to a number is probed on that port (for the Java runtime,
 * HATCHET_WORKER_HEALTH_PORT first, as its SettingsLoader reads them; 0 or a negative value there gets no probe).
 */
public final class RuntimeDefaults {

    /** Turns the SDK's health server on. */
    public static final String HEALTHCHECK_ENABLED = "HATCHET_CLIENT_WORKER_HEALTHCHECK_ENABLED";
    /** The SDK's health server port. */
    public static final String HEALTHCHECK_PORT = "HATCHET_CLIENT_WORKER_HEALTHCHECK_PORT";
    /** The Java runtime's own health port setting, which wins over HEALTHCHECK_PORT (0: any port, negative: off). */
    public static final String JAVA_HEALTH_PORT = "HATCHET_WORKER_HEALTH_PORT";
    /** The SDKs' default health port. */
    public static final int DEFAULT_PORT = 8001;
    /** Seconds a worker may take to start before liveness counts (startup probe period x failures). */
    public static final int STARTUP_SECONDS = 120;

    private RuntimeDefaults() {
    }

    /** True when the SDK of {@code runtime} has a health server the operator turns on. */
    public static boolean servesHealth(WorkerRuntime runtime) {
        return runtime == WorkerRuntime.JAVA || runtime == WorkerRuntime.TYPESCRIPT || runtime == WorkerRuntime.PYTHON;
    }

    /** The health-check environment of {@code runtime} (empty when its SDK has no health server). */
    public static List<EnvVar> env(WorkerRuntime runtime) {
        if (!servesHealth(runtime)) {
            return List.of();
        }
        return List.of(new EnvVar(HEALTHCHECK_ENABLED, "true", null),
                new EnvVar(HEALTHCHECK_PORT, String.valueOf(DEFAULT_PORT), null));
    }

    /** The liveness path of {@code runtime}, if its SDK serves one that a busy worker still answers. */
    public static Optional<String> livenessPath(WorkerRuntime runtime) {
        return runtime == WorkerRuntime.JAVA || runtime == WorkerRuntime.TYPESCRIPT ? Optional.of("/livez")
                : Optional.empty();
    }

    /** The readiness path of {@code runtime}, if its SDK serves one. */
    public static Optional<String> readinessPath(WorkerRuntime runtime) {
        return switch (runtime) {
            case JAVA, TYPESCRIPT -> Optional.of("/readyz");
            case PYTHON -> Optional.of("/health");
            default -> Optional.empty();
        };
    }

    /**
     * The port the health server of {@code runtime} listens on with {@code env} (the container's final
     * environment), or empty when the container turned the server off or set a port the operator cannot read (a
     * reference, or 0 for any free port).
     */
    public static Optional<Integer> healthPort(List<EnvVar> env, WorkerRuntime runtime) {
        String enabled = literal(env, HEALTHCHECK_ENABLED);
        if (enabled == null || !enabled.strip().equalsIgnoreCase("true")) {
            return Optional.empty();
        }
        String own = runtime == WorkerRuntime.JAVA ? literal(env, JAVA_HEALTH_PORT) : null;
        String port = own != null ? own : literal(env, HEALTHCHECK_PORT);
        if (port == null) {
            return Optional.of(DEFAULT_PORT);
        }
        try {
            int value = Integer.parseInt(port.strip());
            return value > 0 && value < 65536 ? Optional.of(value) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** An HTTP GET probe of {@code path} on {@code port}. */
    public static Probe probe(String path, int port, int periodSeconds, int failureThreshold) {
        return new ProbeBuilder().withNewHttpGet().withPath(path).withPort(new IntOrString(port)).endHttpGet()
                .withPeriodSeconds(periodSeconds).withTimeoutSeconds(2).withFailureThreshold(failureThreshold)
                .build();
    }

    /** Adds the probes {@code runtime} serves to {@code container} where it has none of its own. */
    public static Container withProbes(Container container, WorkerRuntime runtime) {
        Optional<Integer> port = healthPort(container.getEnv() == null ? List.of() : container.getEnv(), runtime);
        if (port.isEmpty() || !servesHealth(runtime)) {
            return container;
        }
        int p = port.get();
        Optional<String> live = livenessPath(runtime);
        if (container.getLivenessProbe() == null && live.isPresent()) {
            container.setLivenessProbe(probe(live.get(), p, 10, 3));
            if (container.getStartupProbe() == null) {
                container.setStartupProbe(probe(live.get(), p, 2, STARTUP_SECONDS / 2));
            }
        }
        Optional<String> ready = readinessPath(runtime);
        if (container.getReadinessProbe() == null && ready.isPresent()) {
            container.setReadinessProbe(probe(ready.get(), p, 5, 3));
        }
        return container;
    }

    private static String literal(List<EnvVar> env, String name) {
        String value = null;
        for (EnvVar e : env) {
            if (name.equals(e.getName())) {
                value = e.getValueFrom() == null ? e.getValue() : null; // the last one wins, as in Kubernetes
            }
        }
        return value;
    }
}
