package io.hatchetoperator.autoscaler.sim;

import java.util.List;
import java.util.Locale;

/** The printed table: one row per trace and policy, with operator's pod-seconds as a share of hpa's. */
final class ResultsTable {

    private ResultsTable() {
    }

    static String render(List<SimResult> results) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%-22s %-12s %8s %7s %9s %9s %9s %9s %9s %7s %7s %9s%n",
                "trace", "policy", "pod-s", "vs hpa", "p50 ms", "p95 ms", "p99 ms", "max ms", "done", "killed",
                "scales", "1st up ms"));
        for (SimResult r : results) {
            String share = results.stream().filter(o -> o.trace().equals(r.trace()) && o.policy().equals("hpa"))
                    .findFirst().map(h -> String.format(Locale.ROOT, "%.0f%%", 100 * r.podSeconds() / h.podSeconds()))
                    .orElse("-");
            b.append(String.format(Locale.ROOT, "%-22s %-12s %8.0f %7s %9d %9d %9d %9d %9d %7d %7d %9d%n", r.trace(),
                    r.policy(), r.podSeconds(), share, r.waitP50Ms(), r.waitP95Ms(), r.waitP99Ms(), r.waitMaxMs(),
                    r.tasksCompleted(), r.tasksKilled(), r.scaleEvents(), r.firstScaleUpMs()));
        }
        return b.toString();
    }
}
