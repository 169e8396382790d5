package io.hatchetoperator.autoscaler.sim;

import io.hatchetoperator.autoscaler.baseline.KedaController;
import io.hatchetoperator.autoscaler.baseline.KedaSettings;

/**
 * Baselines "keda" and "keda-hatchet": queue length per replica, activation on KEDA's poll, the HPA for 1↔N; the
 * ReplicaSet picks the victims.
 */
public final class KedaContender implements Contender {

    private static final long HPA_SYNC_MS = 15_000;
    private final KedaController keda;
    private final String name;

    public KedaContender(KedaSettings settings) {
        this("keda", settings);
    }

    public KedaContender(String name, KedaSettings settings) {
        this.keda = new KedaController(settings);
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int initialReplicas() {
        return keda.settings().minReplicaCount();
    }

    /** Ticks at the HPA's sync period; every polling interval the KEDA operator's loop runs first. */
    @Override
    public long periodMs() {
        return HPA_SYNC_MS;
    }

    @Override
    public void tick(long now, SimCluster cluster) {
        if (now % keda.settings().pollingMs() == 0) {
            cluster.setReplicas(keda.poll(now, cluster.desiredReplicas(), cluster.queued()));
        }
        cluster.setReplicas(keda.hpaSync(now, cluster.desiredReplicas(), cluster.queued()));
    }
}
