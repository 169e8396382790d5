package io.hatchetoperator.autoscaler.sim;

import io.hatchetoperator.autoscaler.ScalingInputs;
import io.hatchetoperator.autoscaler.WorkerSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The simulated world of one pool: a Deployment's pods (start-up delay, the ReplicaSet's victim ranking, graceful
 * termination) and an engine that queues tasks and hands them round-robin to registered, unpaused workers with a
 * free slot.
 *
 * <p>A deleted pod gets SIGTERM: its worker stops taking tasks and finishes what it runs for up to the grace period
 * (the Python and TypeScript SDKs' SIGTERM handling; Kubernetes' default terminationGracePeriodSeconds is 30 s). It
 * is charged until its last task ends or the grace period is over; tasks still running then are killed and
 * re-queued at the head of the queue. The ReplicaSet deletes not-ready pods first, then the lowest
 * pod-deletion-cost, then the most recently ready (kubernetes/website {@code replicaset.md}, "Pod deletion cost" and
 * the controller's ranking); ties between pods created in the same instant are broken by a seeded draw.
 */
public final class SimCluster {

    private final SimSettings settings;
    private final SimClock clock;
    private final SimStats stats;
    private final SplittableRandom random;
    private final List<SimPod> pods = new ArrayList<>();
    private final List<SimPod> terminating = new ArrayList<>();
    private final Deque<SimTask> queue = new ArrayDeque<>();
    private final List<Long> completionTimes = new ArrayList<>();
    private int desired;
    private int ring;
    private int podSeq;

    SimCluster(SimSettings settings, SimClock clock, SimStats stats) {
        this.settings = settings;
        this.clock = clock;
        this.stats = stats;
        this.random = new SplittableRandom(settings.seed());
    }

    /** The virtual time, in ms. */
    public long now() {
        return clock.now();
    }

    public int slotsPerPod() {
        return settings.slots();
    }

    /** The Deployment's replica count. */
    public int desiredReplicas() {
        return desired;
    }

    /** Live (not terminating) pods that are ready. */
    public int readyPods() {
        return (int) pods.stream().filter(p -> p.ready(now())).count();
    }

    public int queued() {
        return queue.size();
    }

    /** Slots running a task, on live and terminating pods (what the engine counts as running). */
    public int busySlots() {
        return livePodBusySlots() + terminating.stream().mapToInt(p -> p.running.size()).sum();
    }

    /** Slots running a task on live pods: what a per-pod metric sees (the HPA ignores pods being deleted). */
    public int livePodBusySlots() {
        return pods.stream().mapToInt(p -> p.running.size()).sum();
    }

    /** Sets the Deployment's replicas: new pods start; removed pods go in the ReplicaSet's order, busy or not. */
    public void setReplicas(int replicas) {
        if (replicas == desired) {
            return;
        }
        stats.scaled(now(), desired, replicas);
        desired = replicas;
        while (pods.size() < replicas) {
            SimPod pod = new SimPod("pod-" + podSeq++, now(), now() + settings.startupDelayMs(), settings.slots(),
                    random.nextDouble());
            pods.add(pod);
            clock.at(pod.readyAt, SimClock.READY, this::dispatch);
        }
        if (pods.size() > replicas) {
            long t = now();
            List<SimPod> order = new ArrayList<>(pods);
            order.sort(Comparator.<SimPod>comparingInt(p -> p.ready(t) ? 1 : 0)
                    .thenComparingInt(p -> p.deletionCost)
                    .thenComparingLong(p -> -p.readyAt)
                    .thenComparingDouble(p -> p.tieBreak));
            for (int i = 0; i < order.size() - replicas; i++) {
                terminate(order.get(i));
            }
        }
    }

    /** Engine: pauses or resumes the worker of {@code pod}. */
    public void pause(String pod, boolean paused) {
        find(pod).paused = paused;
        dispatch();
    }

    /** Kubernetes: the pod's controller.kubernetes.io/pod-deletion-cost. */
    public void setDeletionCost(String pod, int cost) {
        find(pod).deletionCost = cost;
    }

    /**
     * What the production operator reads now, and nothing more: task-stats (queued, running, oldest), the worker
     * list of the live pods (busy slots, paused), the pod counts, task-metrics' finished runs as of Hatchet's last
     * OLAP status update, and the pod start-up of the youngest ready pod (pod created → worker registered).
     */
    public ScalingInputs inputs() {
        long t = now();
        List<WorkerSnapshot> workers = new ArrayList<>();
        int ready = 0;
        long startup = ScalingInputs.UNKNOWN_STARTUP;
        long youngest = Long.MIN_VALUE;
        for (SimPod p : pods) {
            if (p.ready(t)) {
                ready++;
                workers.add(new WorkerSnapshot(p.name, p.name, p.running.size(), p.slots, p.paused, true));
                if (p.createdAt > youngest) {
                    youngest = p.createdAt;
                    startup = p.readyAt - p.createdAt;
                }
            }
        }
        Duration oldest = queue.isEmpty() ? Duration.ZERO : Duration.ofMillis(t - queue.peekFirst().spec.arrivalMs());
        return new ScalingInputs(queue.size(), busySlots(), oldest, settings.slots(), ready,
                Math.max(0, desired - ready), desired, workers, finishedVisibleAt(t), startup, Instant.ofEpochMilli(t));
    }

    /** Finished runs as task-metrics shows them at {@code t}: up to Hatchet's last OLAP status update. */
    long finishedVisibleAt(long t) {
        long olap = settings.olapUpdateMs();
        long cutoff = olap <= 0 ? t : (t / olap) * olap;
        int lo = 0;
        int hi = completionTimes.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (completionTimes.get(mid) <= cutoff) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    void arrive(SimTask task) {
        queue.addLast(task);
        dispatch();
        if (!queue.isEmpty()) {
            stats.backlog(now());
        }
    }

    /** Pod-milliseconds of the pods still alive (live or terminating) at {@code end}. */
    long aliveMillis(long end) {
        return pods.stream().mapToLong(p -> end - p.createdAt).sum()
                + terminating.stream().mapToLong(p -> end - p.createdAt).sum();
    }

    /** Adds one step of {@code stepMs} of every pod's time to the decomposition. */
    void account(PodSecondsBreakdown b, long stepMs) {
        long t = now();
        int busy = 0;
        int busyPods = 0;
        int idlePods = 0;
        int starting = 0;
        for (SimPod p : pods) {
            if (!p.ready(t)) {
                starting++;
            } else if (p.running.isEmpty()) {
                idlePods++;
            } else {
                busyPods++;
                busy += p.running.size();
            }
        }
        b.add(stepMs, settings.slots(), busy, busyPods, idlePods, starting, terminating.size());
    }

    private void terminate(SimPod pod) {
        pods.remove(pod);
        pod.terminatingSince = now();
        if (pod.running.isEmpty()) {
            gone(pod);
            return;
        }
        terminating.add(pod);
        clock.at(now() + settings.graceMs(), SimClock.COMPLETE, () -> {
            if (terminating.contains(pod)) {
                kill(pod);
            }
        });
        dispatch();
    }

    /** The grace period is over: what still runs is lost and re-queued first. */
    private void kill(SimPod pod) {
        for (SimTask task : pod.running) {
            task.attempt++; // its completion event is now stale
            stats.killed();
        }
        for (int i = pod.running.size() - 1; i >= 0; i--) {
            queue.addFirst(pod.running.get(i));
        }
        pod.running.clear();
        terminating.remove(pod);
        gone(pod);
        dispatch();
    }

    private void gone(SimPod pod) {
        stats.podGone(now() - pod.createdAt);
    }

    /** The engine's assignment loop: FIFO queue, round-robin over assignable workers. */
    void dispatch() {
        long t = now();
        while (!queue.isEmpty() && !pods.isEmpty()) {
            SimPod target = null;
            for (int i = 0; i < pods.size(); i++) {
                SimPod p = pods.get((ring + i) % pods.size());
                if (p.assignable(t)) {
                    target = p;
                    ring = (ring + i + 1) % pods.size();
                    break;
                }
            }
            if (target == null) {
                return;
            }
            start(target, queue.pollFirst());
        }
    }

    private void start(SimPod pod, SimTask task) {
        long t = now();
        pod.running.add(task);
        task.startedAt = t;
        int attempt = task.attempt;
        clock.at(t + task.spec.durationMs(), SimClock.COMPLETE, () -> {
            if (task.attempt == attempt) {
                pod.running.remove(task);
                stats.completed(task.startedAt - task.spec.arrivalMs());
                completionTimes.add(now());
                if (pod.terminating() && pod.running.isEmpty() && terminating.remove(pod)) {
                    gone(pod); // drained within the grace period: the worker exits
                }
                dispatch();
            }
        });
    }

    private SimPod find(String name) {
        for (List<SimPod> list : List.of(pods, terminating)) {
            for (SimPod p : list) {
                if (p.name.equals(name)) {
                    return p;
                }
            }
        }
        throw new IllegalArgumentException("no pod named " + name + " in the simulated pool");
    }
}
