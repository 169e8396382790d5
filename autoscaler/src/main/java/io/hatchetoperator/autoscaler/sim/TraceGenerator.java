package io.hatchetoperator.autoscaler.sim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;

/**
 * Deterministic generator of the bundled traces (Poisson arrivals, by thinning when the rate varies).
 * {@code java -cp autoscaler-sim.jar io.hatchetoperator.autoscaler.sim.TraceGenerator DIR} rewrites them.
 */
public final class TraceGenerator {

    /** The seed of the bundled traces. */
    public static final long SEED = 20260101L;
    private static final long MINUTE = 60_000;

    private TraceGenerator() {
    }

    /** The bundled traces, generated from {@link #SEED}. */
    public static List<Trace> bundled() {
        return List.of(steady(SEED), burst(SEED + 1), diurnal(SEED + 2), heavyTailed(SEED + 3),
                periodicBatches(SEED + 4));
    }

    /** One hour at 4 tasks/s, exponential durations with a 5 s mean. */
    public static Trace steady(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        return new Trace("steady", poisson(r, 60 * MINUTE, t -> 4.0, 4.0, () -> exponential(r, 5_000)));
    }

    /** Half a task/s of 2 s work, and two bursts of 1,500 tasks of 3 s within 20 s, at 10 and 35 minutes. */
    public static Trace burst(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<TraceTask> tasks = poisson(r, 60 * MINUTE, t -> 0.5, 0.5, () -> exponential(r, 2_000));
        for (long start : new long[] {10 * MINUTE, 35 * MINUTE}) {
            for (int i = 0; i < 1_500; i++) {
                tasks.add(new TraceTask(start + r.nextLong(20_000), exponential(r, 3_000)));
            }
        }
        return new Trace("burst", tasks);
    }

    /** A two-hour "day": quiet night, a sine-shaped peak of 6 tasks/s, quiet night again; 4 s mean work. */
    public static Trace diurnal(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        long day = 120 * MINUTE;
        DoubleUnaryOperator rate = t -> {
            double x = (t - 15 * MINUTE) / (double) (day - 30 * MINUTE);
            return x <= 0 || x >= 1 ? 0.0 : 6.0 * Math.pow(Math.sin(Math.PI * x), 2);
        };
        return new Trace("diurnal", poisson(r, day, rate, 6.0, () -> exponential(r, 4_000)));
    }

    /** One hour at 1 task/s with Pareto durations (alpha 1.5, from 1 s, capped at 10 min): a few very long tasks. */
    public static Trace heavyTailed(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        return new Trace("heavy-tailed", poisson(r, 60 * MINUTE, t -> 1.0, 1.0, () -> {
            double pareto = 1_000 / Math.pow(1 - r.nextDouble(), 1 / 1.5);
            return (long) Math.min(pareto, 10 * MINUTE);
        }));
    }

    /** A cron-like fan-out: 400 tasks of 5 s within 10 s every 4 minutes, over a trickle of 0.2 tasks/s. */
    public static Trace periodicBatches(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<TraceTask> tasks = poisson(r, 60 * MINUTE, t -> 0.2, 0.2, () -> exponential(r, 2_000));
        for (long start = 2 * MINUTE; start < 60 * MINUTE; start += 4 * MINUTE) {
            for (int i = 0; i < 400; i++) {
                tasks.add(new TraceTask(start + r.nextLong(10_000), exponential(r, 5_000)));
            }
        }
        return new Trace("periodic-batches", tasks);
    }

    private static List<TraceTask> poisson(SplittableRandom r, long spanMs, DoubleUnaryOperator ratePerSecond,
            double maxRate, java.util.function.LongSupplier duration) {
        List<TraceTask> tasks = new ArrayList<>();
        double t = 0;
        while (true) {
            t += -Math.log(1 - r.nextDouble()) / maxRate * 1000;
            if (t >= spanMs) {
                return tasks;
            }
            if (r.nextDouble() * maxRate < ratePerSecond.applyAsDouble(t)) {
                tasks.add(new TraceTask((long) t, duration.getAsLong()));
            }
        }
    }

    private static long exponential(SplittableRandom r, double meanMs) {
        return Math.max(1, (long) (-Math.log(1 - r.nextDouble()) * meanMs));
    }

    /** Writes the bundled traces as DIR/NAME.csv. */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "autoscaler/traces");
        Files.createDirectories(dir);
        for (Trace t : bundled()) {
            t.write(dir.resolve(t.name() + ".csv"));
            System.out.println(dir.resolve(t.name() + ".csv") + ": " + t.tasks().size() + " tasks");
        }
    }
}
