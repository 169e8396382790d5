package io.hatchetoperator.autoscaler.sim;

import io.hatchetoperator.autoscaler.PoolScalingSettings;
import io.hatchetoperator.autoscaler.ScalingInputs;
import io.hatchetoperator.autoscaler.WorkerSnapshot;
import io.hatchetoperator.autoscaler.orchestrator.InMemoryScalingStateStore;
import io.hatchetoperator.autoscaler.orchestrator.MetricsReading;
import io.hatchetoperator.autoscaler.orchestrator.ScalingOrchestrator;
import io.hatchetoperator.autoscaler.orchestrator.ScalingPorts;
import io.hatchetoperator.autoscaler.orchestrator.ScalingRealizer;
import java.util.List;

/** Ours: the same {@link ScalingOrchestrator} the operator runs, with simulator adapters of its ports. */
public final class OperatorContender implements Contender {

    /** The pod-deletion-cost of a released pod (lowest of the pool: the ReplicaSet removes it first). */
    static final int CORDONED_COST = -1000;
    private static final String POOL = "sim";

    private final PoolScalingSettings settings;
    private final ScalingOrchestrator orchestrator;
    private SimCluster cluster;

    public OperatorContender(PoolScalingSettings settings) {
        this(settings, true);
    }

    /**
     * Ours, with or without a completion counter in its inputs (without one, the policy cannot measure task
     * duration and counts one slot per queued task).
     */
    public OperatorContender(PoolScalingSettings settings, boolean knowsCompletions) {
        this.settings = settings;
        ScalingRealizer realizer = new ScalingRealizer() {
            @Override
            public void setReplicas(String pool, int replicas, List<String> removePods) {
                removePods.forEach(pod -> cluster.setDeletionCost(pod, CORDONED_COST));
                cluster.setReplicas(replicas);
            }

            @Override
            public void cordon(String pool, WorkerSnapshot worker) {
                cluster.pause(worker.podName(), true);
            }

            @Override
            public void uncordon(String pool, String workerId, String podName) {
                cluster.pause(podName, false);
                cluster.setDeletionCost(podName, 0);
            }
        };
        this.orchestrator = new ScalingOrchestrator(new ScalingPorts(
                pool -> MetricsReading.of(knowsCompletions ? cluster.inputs() : withoutCompletions(cluster.inputs())),
                realizer, new InMemoryScalingStateStore(), event -> { }));
    }

    private static ScalingInputs withoutCompletions(ScalingInputs in) {
        return new ScalingInputs(in.queued(), in.running(), in.oldestQueuedAge(), in.slotsPerWorker(),
                in.readyReplicas(), in.startingReplicas(), in.desiredReplicas(), in.workers(),
                ScalingInputs.UNKNOWN_COMPLETIONS, in.now());
    }

    @Override
    public String name() {
        return "operator";
    }

    @Override
    public int initialReplicas() {
        return settings.minReplicas();
    }

    @Override
    public long periodMs() {
        return settings.pollInterval().toMillis();
    }

    @Override
    public void tick(long now, SimCluster value) {
        this.cluster = value;
        orchestrator.tick(POOL, settings);
    }
}
