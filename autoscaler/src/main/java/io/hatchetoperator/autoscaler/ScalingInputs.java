package io.hatchetoperator.autoscaler;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the policy sees of one pool at one instant: engine queue and slot figures plus the pod counts.
 *
 * @param queued tasks of the pool's task names waiting in the engine
 * @param running tasks of the pool's task names running now
 * @param oldestQueuedAge age of the oldest queued task ({@link Duration#ZERO} when nothing is queued)
 * @param slotsPerWorker slots of one worker (spec.slots)
 * @param readyReplicas pods that are ready
 * @param startingReplicas pods created but not ready yet (counted as capacity, so no overshoot)
 * @param desiredReplicas the replica count in force now (what the Deployment is set to)
 * @param workers the pool's engine workers, one snapshot each
 * @param completedTotal a monotonic count of the pool's finished tasks, or {@link #UNKNOWN_COMPLETIONS};
 *     lets the policy measure task duration (Little's law) instead of assuming one slot per queued task
 * @param podStartupMillis the pool's measured pod start-up (pod created → worker registered, of its youngest
 *     pod that has a worker), or {@link #UNKNOWN_STARTUP}; the policy's break-even idle time
 * @param now the time of the observation (the policy's only clock)
 * @param unmatchedReadyPods ready pods whose worker cannot be matched to them (its SDK does not report the pod's
 *     name as a label): they may be busy with work nobody can see, so the scale-down never removes them blindly
 */
public record ScalingInputs(
        int queued,
        int running,
        Duration oldestQueuedAge,
        int slotsPerWorker,
        int readyReplicas,
        int startingReplicas,
        int desiredReplicas,
        List<WorkerSnapshot> workers,
        long completedTotal,
        long podStartupMillis,
        Instant now,
        List<String> unmatchedReadyPods) {

    /** Value of {@link #completedTotal} when the source cannot count completions. */
    public static final long UNKNOWN_COMPLETIONS = -1;
    /** Value of {@link #podStartupMillis} when no pod start-up was measured. */
    public static final long UNKNOWN_STARTUP = -1;

    public ScalingInputs {
        requireAtLeast("queued", queued, 0);
        requireAtLeast("running", running, 0);
        requireAtLeast("slotsPerWorker", slotsPerWorker, 1);
        requireAtLeast("readyReplicas", readyReplicas, 0);
        requireAtLeast("startingReplicas", startingReplicas, 0);
        requireAtLeast("desiredReplicas", desiredReplicas, 0);
        oldestQueuedAge = oldestQueuedAge == null || oldestQueuedAge.isNegative() ? Duration.ZERO : oldestQueuedAge;
        workers = List.copyOf(workers == null ? List.of() : workers);
        Objects.requireNonNull(now, "now");
        unmatchedReadyPods = List.copyOf(unmatchedReadyPods == null ? List.of() : unmatchedReadyPods);
    }

    /** Inputs where every ready pod's worker is matched (the simulator, and sources that match them all). */
    public ScalingInputs(int queued, int running, Duration oldestQueuedAge, int slotsPerWorker, int readyReplicas,
            int startingReplicas, int desiredReplicas, List<WorkerSnapshot> workers, long completedTotal,
            Instant now) {
        this(queued, running, oldestQueuedAge, slotsPerWorker, readyReplicas, startingReplicas, desiredReplicas,
                workers, completedTotal, UNKNOWN_STARTUP, now, List.of());
    }

    /** Inputs with every ready pod's worker matched and the pool's measured pod start-up. */
    public ScalingInputs(int queued, int running, Duration oldestQueuedAge, int slotsPerWorker, int readyReplicas,
            int startingReplicas, int desiredReplicas, List<WorkerSnapshot> workers, long completedTotal,
            long podStartupMillis, Instant now) {
        this(queued, running, oldestQueuedAge, slotsPerWorker, readyReplicas, startingReplicas, desiredReplicas,
                workers, completedTotal, podStartupMillis, now, List.of());
    }

    /** Inputs without a start-up measurement. */
    public ScalingInputs(int queued, int running, Duration oldestQueuedAge, int slotsPerWorker, int readyReplicas,
            int startingReplicas, int desiredReplicas, List<WorkerSnapshot> workers, long completedTotal,
            Instant now, List<String> unmatchedReadyPods) {
        this(queued, running, oldestQueuedAge, slotsPerWorker, readyReplicas, startingReplicas, desiredReplicas,
                workers, completedTotal, UNKNOWN_STARTUP, now, unmatchedReadyPods);
    }

    private static void requireAtLeast(String field, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(
                    "ScalingInputs." + field + " is " + value + "; it must be " + min + " or more");
        }
    }

    /** Slots in use: the larger of the engine's running count and the workers' busy slots. */
    public int busySlots() {
        int sum = 0;
        for (WorkerSnapshot w : workers) {
            sum += w.busySlots();
        }
        return Math.max(running, sum);
    }

    /** Slots of the ready pods. */
    public int readyCapacity() {
        return readyReplicas * slotsPerWorker;
    }

    /** True when the source reports a completion counter. */
    public boolean knowsCompletions() {
        return completedTotal >= 0;
    }
}
