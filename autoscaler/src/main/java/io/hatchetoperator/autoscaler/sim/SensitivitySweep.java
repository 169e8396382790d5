package io.hatchetoperator.autoscaler.sim;

import io.hatchetoperator.autoscaler.PoolScalingSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * How ours trades pod-seconds for waits as its two main knobs move (target slot utilization, scale-down
 * window: "b-e" is the break-even hold, 30 and 60 a fixed window), against the HPA baseline at its defaults:
 * {@code java -cp autoscaler-sim.jar io.hatchetoperator.autoscaler.sim.SensitivitySweep TRACE.csv ...}.
 */
public final class SensitivitySweep {

    private static final double[] UTILIZATIONS = {0.8, 0.9, 1.0};
    private static final int[] WINDOWS_SECONDS = {0, 30, 60};

    private SensitivitySweep() {
    }

    private static void print(Trace trace, String utilization, String window, double hpa, SimResult r) {
        System.out.printf(Locale.ROOT, "%-17s %-18s %7s %7.0f%% %8d %8d %8d %7d%n", trace.name(), utilization, window,
                100 * r.podSeconds() / hpa, r.waitP50Ms(), r.waitP95Ms(), r.waitP99Ms(), r.tasksKilled());
    }

    public static void main(String[] args) throws IOException {
        System.setProperty("slf4j.provider", "org.slf4j.helpers.NOP_FallbackServiceProvider");
        System.setProperty("slf4j.internal.verbosity", "ERROR");
        SimSettings sim = SimSettings.defaults();
        System.out.printf(Locale.ROOT, "%-17s %-18s %7s %8s %8s %8s %8s %7s%n", "trace", "util", "window", "vs hpa",
                "p50 ms", "p95 ms", "p99 ms", "killed");
        for (String file : args) {
            Trace trace = Trace.load(Path.of(file));
            double hpa = new Simulation(sim).run(trace, Contenders.create("hpa", sim)).podSeconds();
            PoolScalingSettings defaults = PoolScalingSettings.defaults().withReplicas(0, sim.maxReplicas());
            print(trace, "0.8 no-completions", "b-e", hpa,
                    new Simulation(sim).run(trace, new OperatorContender(defaults, false)));
            for (double u : UTILIZATIONS) {
                for (int window : WINDOWS_SECONDS) {
                    PoolScalingSettings ours = PoolScalingSettings.defaults().withReplicas(0, sim.maxReplicas())
                            .withTargets(u, Duration.ofSeconds(10))
                            .withStabilization(Duration.ZERO, window == 0 ? null : Duration.ofSeconds(window));
                    print(trace, String.format(Locale.ROOT, "%.1f", u), window == 0 ? "b-e" : window + "s",
                            hpa,
                            new Simulation(sim).run(trace, new OperatorContender(ours)));
                }
            }
        }
    }
}
