package io.hatchetoperator.autoscaler.sim;

/** Runs one trace under one contender in virtual time: deterministic for a given seed, no sleeping. */
public final class Simulation {

    /** A run stops this long after the horizon even with work left (e.g. a task longer than a cooldown). */
    private static final long GIVE_UP_MS = 2 * 3_600_000L;
    /** The step of the pod-seconds decomposition. */
    private static final long ACCOUNT_MS = 1_000;

    private final SimSettings settings;

    public Simulation(SimSettings settings) {
        this.settings = settings;
    }

    /** Plays {@code trace} with {@code contender} scaling the pool; returns the run's figures. */
    public SimResult run(Trace trace, Contender contender) {
        SimClock clock = new SimClock();
        SimStats stats = new SimStats();
        SimSettings run = trace.startupDelayMs() < 0 ? settings
                : settings.with(settings.slots(), trace.startupDelayMs(), settings.pollMs());
        SimCluster cluster = new SimCluster(run, clock, stats);
        PodSecondsBreakdown breakdown = new PodSecondsBreakdown();
        cluster.setReplicas(contender.initialReplicas());
        stats.resetScaleEvents();
        for (TraceTask t : trace.tasks()) {
            clock.at(t.arrivalMs(), SimClock.ARRIVAL, () -> cluster.arrive(new SimTask(t)));
        }
        long horizon = trace.lastArrivalMs() + settings.tailMs();
        repeat(clock, 0, contender.periodMs(), SimClock.TICK, horizon, () -> contender.tick(clock.now(), cluster));
        repeat(clock, 0, settings.sampleMs(), SimClock.SAMPLE, horizon, () -> stats.sample(new Sample(clock.now(),
                cluster.queued(), cluster.busySlots(), cluster.desiredReplicas())));
        long end = advance(clock, cluster, breakdown, 0, horizon);
        long total = trace.tasks().size();
        while (stats.completed() < total) { // work left at the horizon: keep going until it is done
            if (end - horizon > GIVE_UP_MS) {
                break; // the policy keeps killing or starving them: reported as tasksCompleted < tasks
            }
            long next = end + settings.sampleMs();
            scheduleTail(clock, contender, cluster, stats, end, next);
            end = advance(clock, cluster, breakdown, end, next);
        }
        return stats.result(trace.name(), contender.name(), cluster.aliveMillis(end), breakdown);
    }

    /** Runs the events from {@code from} to {@code to}, adding each second to the decomposition. */
    private static long advance(SimClock clock, SimCluster cluster, PodSecondsBreakdown b, long from, long to) {
        for (long t = from; t < to; t += ACCOUNT_MS) {
            long step = Math.min(ACCOUNT_MS, to - t);
            clock.runUntil(t + step - 1);
            cluster.account(b, step);
        }
        clock.runUntil(to);
        return to;
    }

    private void scheduleTail(SimClock clock, Contender c, SimCluster cluster, SimStats stats, long from, long end) {
        for (long t = firstMultiple(from, c.periodMs()); t <= end; t += c.periodMs()) {
            clock.at(t, SimClock.TICK, () -> c.tick(clock.now(), cluster));
        }
        clock.at(end, SimClock.SAMPLE, () -> stats.sample(new Sample(clock.now(), cluster.queued(),
                cluster.busySlots(), cluster.desiredReplicas())));
    }

    private static long firstMultiple(long from, long period) {
        return ((from + period) / period) * period;
    }

    /** Schedules {@code action} at start, start + period, ... up to {@code until}, one event at a time. */
    private static void repeat(SimClock clock, long start, long period, int kind, long until, Runnable action) {
        clock.at(start, kind, new Runnable() {
            @Override
            public void run() {
                action.run();
                if (clock.now() + period <= until) {
                    clock.at(clock.now() + period, kind, this);
                }
            }
        });
    }
}
