package io.hatchetoperator.autoscaler;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Builds {@link ScalingInputs} for tests at a fixed clock: {@code PoolFixture.at(100).queued(5).inputs()}. */
public final class PoolFixture {

    /** The fixed epoch of all test clocks. */
    public static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private long nowMillis;
    private int queued;
    private int running;
    private int slots = 10;
    private int ready;
    private int starting;
    private int desired;
    private long completed = ScalingInputs.UNKNOWN_COMPLETIONS;
    private long startup = ScalingInputs.UNKNOWN_STARTUP;
    private Duration oldest = Duration.ZERO;
    private final List<WorkerSnapshot> workers = new ArrayList<>();
    private final List<String> unmatched = new ArrayList<>();

    private PoolFixture(long nowMillis) {
        this.nowMillis = nowMillis;
    }

    /** A pool observed {@code seconds} after {@link #T0}. */
    public static PoolFixture at(double seconds) {
        return new PoolFixture((long) (seconds * 1000));
    }

    public static long millis(double seconds) {
        return T0.toEpochMilli() + (long) (seconds * 1000);
    }

    public PoolFixture queued(int value) {
        queued = value;
        return this;
    }

    public PoolFixture running(int value) {
        running = value;
        return this;
    }

    public PoolFixture slots(int value) {
        slots = value;
        return this;
    }

    /** {@code value} ready pods, desired = ready + starting unless set. */
    public PoolFixture ready(int value) {
        ready = value;
        desired = ready + starting;
        return this;
    }

    public PoolFixture starting(int value) {
        starting = value;
        desired = ready + starting;
        return this;
    }

    public PoolFixture desired(int value) {
        desired = value;
        return this;
    }

    public PoolFixture oldestQueued(Duration value) {
        oldest = value;
        return this;
    }

    public PoolFixture startup(long millis) {
        startup = millis;
        return this;
    }

    public PoolFixture completed(long value) {
        completed = value;
        return this;
    }

    /** Adds a worker {@code id} on pod {@code "pod-" + id} with {@code busy} busy slots. */
    public PoolFixture worker(String id, int busy) {
        workers.add(WorkerSnapshot.of(id, "pod-" + id, busy, slots));
        return this;
    }

    public PoolFixture worker(WorkerSnapshot w) {
        workers.add(w);
        return this;
    }

    /** Ready pods whose worker cannot be matched to them, e.g. {@code unmatched("pod-x", "pod-y")}. */
    public PoolFixture unmatched(String... pods) {
        unmatched.addAll(List.of(pods));
        return this;
    }

    public ScalingInputs inputs() {
        return new ScalingInputs(queued, running, oldest, slots, ready, starting, desired, workers, completed,
                startup, T0.plusMillis(nowMillis), unmatched);
    }
}
