package io.hatchetoperator.autoscaler.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Property: on random bursty, long-tailed workloads and random pool settings, ours never kills a task. */
class OperatorKillsNothingTest {

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
    void noTaskIsKilledAndAllFinish(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<TraceTask> tasks = new ArrayList<>();
        for (int burst = 0; burst < 6; burst++) {
            long start = r.nextLong(20 * 60_000L);
            int size = 1 + r.nextInt(150);
            for (int i = 0; i < size; i++) {
                long duration = r.nextInt(10) == 0 ? 30_000 + r.nextLong(240_000) : 200 + r.nextLong(8_000);
                tasks.add(new TraceTask(start + r.nextLong(1 + r.nextLong(60_000)), duration));
            }
        }
        SimSettings sim = SimSettings.defaults().with(1 + r.nextInt(8), r.nextLong(20_000), 1_000 + r.nextLong(4_000))
                .withSeed(seed);

        SimResult result = new Simulation(sim).run(new Trace("random-" + seed, tasks), Contenders.create("operator", sim));

        assertThat(result.tasksKilled()).isZero();
        assertThat(result.tasksCompleted()).isEqualTo(tasks.size());
    }
}
