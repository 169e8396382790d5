package io.hatchetoperator.autoscaler.sim;

import io.hatchetoperator.autoscaler.baseline.HpaController;
import io.hatchetoperator.autoscaler.baseline.HpaSettings;

/**
 * Baseline "hpa": the HPA on busy-slot share per pod against the target utilization (pods being deleted are
 * ignored, as the HPA does); the ReplicaSet picks the victims.
 */
public final class HpaContender implements Contender {

    private final HpaController hpa;
    private final double targetUtilization;

    public HpaContender(HpaSettings settings, double targetUtilization) {
        this.hpa = new HpaController(settings);
        this.targetUtilization = targetUtilization;
    }

    @Override
    public String name() {
        return "hpa";
    }

    @Override
    public int initialReplicas() {
        return hpa.settings().minReplicas();
    }

    @Override
    public long periodMs() {
        return hpa.settings().syncMs();
    }

    @Override
    public void tick(long now, SimCluster cluster) {
        int current = cluster.desiredReplicas();
        double utilizationSum = cluster.livePodBusySlots() / (double) cluster.slotsPerPod();
        int proposal = hpa.perPodProposal(current, cluster.readyPods(), utilizationSum, targetUtilization);
        cluster.setReplicas(hpa.normalize(now, current, proposal));
    }
}
