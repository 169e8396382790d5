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
                periodicBatches(SEED + 4), flashCrowd(SEED + 5), diurnalHeavyTailed(SEED + 6), onOff(SEED + 7),
                podBoundary(SEED + 8), sparse(SEED + 9), twoBursts(SEED + 10), startup30s(SEED + 11));
    }

    /**
     * Flash crowds: 1 h of 0.5 tasks/s (4 s mean) and three crowds (at 10, 30 and 45 minutes) where the rate jumps
     * to 10 tasks/s within seconds, stays 3 minutes and fades over one.
     */
    public static Trace flashCrowd(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        long[] crowds = {10 * MINUTE, 30 * MINUTE, 45 * MINUTE};
        DoubleUnaryOperator rate = t -> {
            double extra = 0;
            for (long c : crowds) {
                double x = t - c;
                if (x >= 0 && x < 3 * MINUTE) {
                    extra = 9.5;
                } else if (x >= 3 * MINUTE && x < 4 * MINUTE) {
                    extra = 9.5 * (1 - (x - 3 * MINUTE) / MINUTE);
                }
            }
            return 0.5 + extra;
        };
        return new Trace("flash-crowd", poisson(r, 60 * MINUTE, rate, 10.0, () -> exponential(r, 4_000)));
    }

    /** A two-hour day (quiet, sine-squared peak of 4 tasks/s, quiet) with Pareto durations (α 1.5, from 1 s, ≤ 5 min). */
    public static Trace diurnalHeavyTailed(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        long day = 120 * MINUTE;
        DoubleUnaryOperator rate = t -> {
            double x = (t - 15 * MINUTE) / (double) (day - 30 * MINUTE);
            return x <= 0 || x >= 1 ? 0.0 : 4.0 * Math.pow(Math.sin(Math.PI * x), 2);
        };
        return new Trace("diurnal-heavy-tailed", poisson(r, day, rate, 4.0, () -> pareto(r, 5 * MINUTE)));
    }

    /** On/off: one hour of 5 minutes at 4 tasks/s (5 s mean) then 5 minutes of nothing. */
    public static Trace onOff(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        DoubleUnaryOperator rate = t -> ((long) Math.floor(t / (5 * MINUTE))) % 2 == 0 ? 4.0 : 0.0;
        return new Trace("on-off", poisson(r, 60 * MINUTE, rate, 4.0, () -> exponential(r, 5_000)));
    }

    /**
     * Load at a pod boundary: one hour of 3.2 tasks/s of 5 s, so 16 slots are busy on average: exactly two pods of 10
     * slots at the 0.8 utilization target, and Poisson noise crosses the boundary all the time.
     */
    public static Trace podBoundary(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        return new Trace("pod-boundary", poisson(r, 60 * MINUTE, t -> 3.2, 3.2, () -> exponential(r, 5_000)));
    }

    /** Sparse tasks: one every 20 s (± 2 s) for an hour, 2 s each. */
    public static Trace sparse(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<TraceTask> tasks = new ArrayList<>();
        for (long t = 20_000; t < 60 * MINUTE; t += 20_000) {
            tasks.add(new TraceTask(t - 2_000 + r.nextLong(4_000), exponential(r, 2_000)));
        }
        return new Trace("sparse", tasks);
    }

    /** Two bursts 25 minutes apart (600 tasks of 5 s within 10 s at 5 and 30 minutes), nothing else. */
    public static Trace twoBursts(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<TraceTask> tasks = new ArrayList<>();
        for (long start : new long[] {5 * MINUTE, 30 * MINUTE}) {
            for (int i = 0; i < 600; i++) {
                tasks.add(new TraceTask(start + r.nextLong(10_000), exponential(r, 5_000)));
            }
        }
        return new Trace("two-bursts", tasks);
    }

    /** The on/off load on pods that take 30 s from creation to a registered worker. */
    public static Trace startup30s(long seed) {
        Trace onOff = onOff(seed);
        return new Trace("startup-30s", onOff.tasks(), 30_000);
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

    private static long pareto(SplittableRandom r, long capMs) {
        double value = 1_000 / Math.pow(1 - r.nextDouble(), 1 / 1.5);
        return (long) Math.min(value, capMs);
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
