package io.hatchetoperator.autoscaler.sim;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The goal, per trace: operator ≤ 70 % of hpa's pod-seconds, p95 wait no worse than the better
 * baseline's, 0 tasks killed, first scale-up within one poll interval. Printed under the table.
 */
final class GoalCheck {

    static final double POD_SECONDS_SHARE = 0.70;

    private GoalCheck() {
    }

    static String render(List<SimResult> results, List<Trace> traces, SimSettings sim) {
        long pollMs = sim.pollMs();
        StringBuilder b = new StringBuilder();
        for (String trace : results.stream().map(SimResult::trace).distinct().toList()) {
            Optional<SimResult> ours = find(results, trace, "operator");
            Optional<SimResult> hpa = find(results, trace, "hpa");
            Optional<SimResult> keda = find(results, trace, "keda");
            if (ours.isEmpty() || hpa.isEmpty() || keda.isEmpty()) {
                continue;
            }
            SimResult o = ours.get();
            double share = o.podSeconds() / hpa.get().podSeconds();
            long bestP95 = Math.min(hpa.get().waitP95Ms(), keda.get().waitP95Ms());
            double floor = traces.stream().filter(t -> t.name().equals(trace)).findFirst()
                    .map(t -> ZeroWaitFloor.podSeconds(t, sim.slots())).orElse(Double.NaN);
            b.append(String.format(Locale.ROOT, "goal %-17s pod-s %3.0f%% of hpa %s (zero-wait floor %3.0f%%) | p95 %d ms vs best baseline %d ms"
                    + " %s | killed %d %s | first up %d ms %s%n", trace, 100 * share, mark(share <= POD_SECONDS_SHARE),
                    100 * floor / hpa.get().podSeconds(),
                    o.waitP95Ms(), bestP95, mark(o.waitP95Ms() <= bestP95), o.tasksKilled(),
                    mark(o.tasksKilled() == 0), o.firstScaleUpMs(),
                    mark(o.firstScaleUpMs() >= 0 && o.firstScaleUpMs() <= pollMs)));
        }
        return b.toString();
    }

    private static String mark(boolean met) {
        return met ? "(met)" : "(MISSED)";
    }

    private static Optional<SimResult> find(List<SimResult> results, String trace, String policy) {
        return results.stream().filter(r -> r.trace().equals(trace) && r.policy().equals(policy)).findFirst();
    }
}
