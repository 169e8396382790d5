package io.hatchetoperator.operator.bench;

import io.hatchetoperator.operator.api.HatchetWorkerPool;
import io.hatchetoperator.operator.api.HatchetWorkerPoolStatus;
import io.hatchetoperator.operator.reconciler.EngineConnection;
import io.hatchetoperator.operator.reconciler.ScalingStep;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The operator's autoscaling step, timed: each call's wall-clock duration (the decision time a reconcile waits) and
 * its thread's CPU time are kept for their p99.
 */
final class TimedScalingStep implements ScalingStep {

    private static final java.lang.management.ThreadMXBean THREADS =
            java.lang.management.ManagementFactory.getThreadMXBean();
    private final ScalingStep step;
    private long[] nanos = new long[1 << 16];
    private long[] cpuNanos = new long[1 << 16];
    private int count;

    TimedScalingStep(ScalingStep step) {
        this.step = step;
    }

    @Override
    public Optional<Duration> apply(HatchetWorkerPool pool, HatchetWorkerPoolStatus status, EngineConnection engine) {
        long started = System.nanoTime();
        long cpu = THREADS.getCurrentThreadCpuTime();
        try {
            return step.apply(pool, status, engine);
        } finally {
            record(System.nanoTime() - started, THREADS.getCurrentThreadCpuTime() - cpu);
        }
    }

    @Override
    public int lower(HatchetWorkerPool pool, HatchetWorkerPoolStatus status, EngineConnection engine, int running,
                     int target) {
        return step.lower(pool, status, engine, running, target);
    }

    @Override
    public boolean release(HatchetWorkerPool pool, HatchetWorkerPoolStatus status, EngineConnection engine) {
        return step.release(pool, status, engine);
    }

    @Override
    public void gate(java.util.function.BooleanSupplier mayWrite) {
        step.gate(mayWrite);
    }

    @Override
    public void forget(String namespace, String name) {
        step.forget(namespace, name);
    }

    @Override
    public List<EventSource<?, HatchetWorkerPool>> eventSources() {
        return step.eventSources();
    }

    private synchronized void record(long duration, long cpu) {
        if (count == nanos.length) {
            nanos = Arrays.copyOf(nanos, nanos.length * 2);
            cpuNanos = Arrays.copyOf(cpuNanos, cpuNanos.length * 2);
        }
        cpuNanos[count] = cpu;
        nanos[count++] = duration;
    }

    /** Forgets what was timed so far. */
    synchronized void reset() {
        count = 0;
    }

    /** The 99th percentile of the timed calls' wall-clock time, in milliseconds. */
    synchronized double p99Millis() {
        return p99(nanos);
    }

    /** The 99th percentile of the timed calls' CPU time, in milliseconds. */
    synchronized double cpuP99Millis() {
        return p99(cpuNanos);
    }

    /** How many calls were timed. */
    synchronized long count() {
        return count;
    }

    private double p99(long[] values) {
        if (count == 0) {
            return 0;
        }
        long[] sorted = Arrays.copyOf(values, count);
        Arrays.sort(sorted);
        return sorted[(int) Math.ceil(0.99 * count) - 1] / 1e6;
    }
}
