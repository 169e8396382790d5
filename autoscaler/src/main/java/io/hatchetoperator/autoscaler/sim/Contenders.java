package io.hatchetoperator.autoscaler.sim;

import io.hatchetoperator.autoscaler.PolicyTuning;
import io.hatchetoperator.autoscaler.PoolScalingSettings;
import io.hatchetoperator.autoscaler.baseline.HpaSettings;
import io.hatchetoperator.autoscaler.baseline.KedaSettings;
import java.time.Duration;

/**
 * Builds a fresh contender per run, all with the same bounds: ours with its defaults, the HPA on the same slot
 * utilization target, KEDA tuned with one pod's slots of queued tasks per replica, and KEDA as Hatchet documents it
 * (100 queued per replica, minReplicaCount 1). The "floor" row is computed, not simulated ({@link ZeroWaitFloor}).
 */
public final class Contenders {

    private Contenders() {
    }

    /** A new contender named {@code policy} for a run with {@code sim}. */
    public static Contender create(String policy, SimSettings sim) {
        return create(policy, sim, null);
    }

    /** The same, with the operator's pre-warming on or off ({@code null}: its default). */
    public static Contender create(String policy, SimSettings sim, Boolean prewarm) {
        return create(policy, sim, prewarm, PolicyTuning.defaults());
    }

    /** The same, with the operator's finer rules. */
    public static Contender create(String policy, SimSettings sim, Boolean prewarm, PolicyTuning tuning) {
        PoolScalingSettings ours = PoolScalingSettings.defaults().withReplicas(0, sim.maxReplicas())
                .withPollInterval(Duration.ofMillis(sim.pollMs())).withTuning(tuning);
        if (prewarm != null) {
            ours = ours.withHolds(ours.podStartup(), ours.scaleDownMaxHold(), prewarm);
        }
        return switch (policy) {
            case "operator" -> new OperatorContender(ours);
            case "hpa" -> new HpaContender(HpaSettings.defaults(1, sim.maxReplicas()), ours.targetSlotUtilization());
            case "keda" -> new KedaContender(KedaSettings.defaults(sim.maxReplicas(), sim.slots()));
            case "keda-hatchet" -> new KedaContender("keda-hatchet", KedaSettings.hatchetRecipe(sim.maxReplicas()));
            default -> throw new IllegalArgumentException("unknown policy '" + policy + "'; use one of "
                    + SimArgs.POLICIES);
        };
    }
}
