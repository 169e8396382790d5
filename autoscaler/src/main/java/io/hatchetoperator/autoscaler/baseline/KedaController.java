package io.hatchetoperator.autoscaler.baseline;

/**
 * A faithful model of KEDA scaling a Deployment on queue length: the KEDA operator activates 0→1 on its
 * polling interval and deactivates to 0 after the cooldown; between 1 and N the generated HPA (defaults,
 * minReplicas = max(minReplicaCount, 1)) scales on the External AverageValue metric. Not thread-safe.
 */
public final class KedaController {

    private final KedaSettings settings;
    private final HpaController hpa;
    private long lastActiveAt = Long.MIN_VALUE / 2;

    public KedaController(KedaSettings settings) {
        this.settings = settings;
        this.hpa = new HpaController(HpaSettings.defaults(Math.max(1, settings.minReplicaCount()),
                settings.maxReplicaCount()));
    }

    /** The KEDA operator's poll: returns the replicas after activation or deactivation. */
    public int poll(long now, int current, int queued) {
        if (queued > settings.activationThreshold()) {
            lastActiveAt = now;
            return current == 0 ? Math.max(1, settings.minReplicaCount()) : current;
        }
        if (current > 0 && settings.minReplicaCount() == 0 && now - lastActiveAt >= settings.cooldownMs()) {
            return 0;
        }
        return current;
    }

    /** The generated HPA's sync: returns the replicas (unchanged at zero, where the HPA is inactive). */
    public int hpaSync(long now, int current, int queued) {
        if (current == 0) {
            return 0;
        }
        return hpa.normalize(now, current, hpa.averageValueProposal(current, queued, settings.targetPerReplica()));
    }

    public KedaSettings settings() {
        return settings;
    }
}
