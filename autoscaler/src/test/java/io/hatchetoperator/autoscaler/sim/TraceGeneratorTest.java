package io.hatchetoperator.autoscaler.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The bundled traces are what the generator makes, so they can be regenerated and never drift. */
class TraceGeneratorTest {

    @Test
    void sameSeedSameTrace() {
        assertThat(TraceGenerator.burst(5)).isEqualTo(TraceGenerator.burst(5));
        assertThat(TraceGenerator.burst(5)).isNotEqualTo(TraceGenerator.burst(6));
    }

    @Test
    void theShippedTracesMatchTheGenerator() throws Exception {
        for (Trace generated : TraceGenerator.bundled()) {
            Trace shipped = Trace.load(Path.of("traces", generated.name() + ".csv"));

            assertThat(shipped).as(generated.name() + " (rerun TraceGenerator to refresh)").isEqualTo(generated);
        }
    }

    @Test
    void bundledTracesHaveTheirShape() {
        assertThat(TraceGenerator.bundled()).extracting(Trace::name)
                .containsExactly("steady", "burst", "diurnal", "heavy-tailed", "periodic-batches", "flash-crowd",
                        "diurnal-heavy-tailed", "on-off", "pod-boundary", "sparse", "two-bursts", "startup-30s");
        assertThat(TraceGenerator.startup30s(TraceGenerator.SEED).startupDelayMs()).isEqualTo(30_000);
        Trace onOff = TraceGenerator.onOff(TraceGenerator.SEED);
        assertThat(onOff.tasks()).noneMatch(t -> (t.arrivalMs() / 300_000) % 2 == 1).isNotEmpty();
        Trace heavy = TraceGenerator.heavyTailed(TraceGenerator.SEED);
        long longTasks = heavy.tasks().stream().filter(t -> t.durationMs() > 60_000).count();
        assertThat(longTasks).isGreaterThan(5);
    }
}
