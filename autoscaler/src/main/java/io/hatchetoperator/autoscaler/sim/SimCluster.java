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
 * The simulated world of one pool: a Deployment's pods (start-up delay, ReplicaSet victim order), and an
 * engine that queues tasks and hands them round-robin to registered, unpaused workers with a free slot.
 */
public final class SimCluster {

    private final SimSettings settings;
    private final SimClock clock;
    private final SimStats stats;
    private final SplittableRandom random;
    private final List<SimPod> pods = new ArrayList<>();
    private final Deque<SimTask> queue = new ArrayDeque<>();
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

    public int readyPods() {
        return (int) pods.stream().filter(p -> p.ready(now())).count();
    }

    public int queued() {
        return queue.size();
    }

    public int busySlots() {
        return pods.stream().mapToInt(p -> p.running.size()).sum();
    }

    /** Sets the Deployment's replicas: new pods start; removed pods go in ReplicaSet order, busy or not. */
    public void setReplicas(int replicas) {
        if (replicas == desired) {
            return;
        }
        stats.scaled(now(), desired, replicas);
        desired = replicas;
        while (pods.size() < replicas) {
            SimPod pod = new SimPod("pod-" + podSeq++, now(), now() + settings.startupDelayMs(), settings.slots());
            pods.add(pod);
            clock.at(pod.readyAt, SimClock.READY, this::dispatch);
        }
        if (pods.size() > replicas) {
            List<SimPod> order = new ArrayList<>(pods);
            List<Double> keys = new ArrayList<>();
            order.forEach(p -> keys.add(random.nextDouble()));
            List<Integer> idx = new ArrayList<>();
            for (int i = 0; i < order.size(); i++) {
                idx.add(i);
            }
            long t = now();
            idx.sort(Comparator.<Integer>comparingInt(i -> order.get(i).ready(t) ? 1 : 0)
                    .thenComparingInt(i -> order.get(i).deletionCost).thenComparingDouble(keys::get));
            for (int i = 0; i < order.size() - replicas; i++) {
                delete(order.get(idx.get(i)));
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

    /** What the operator's metrics source would read now. */
    public ScalingInputs inputs() {
        long t = now();
        List<WorkerSnapshot> workers = new ArrayList<>();
        int ready = 0;
        for (SimPod p : pods) {
            if (p.ready(t)) {
                ready++;
                workers.add(new WorkerSnapshot(p.name, p.name, p.running.size(), p.slots, p.paused, true));
            }
        }
        Duration oldest = queue.isEmpty() ? Duration.ZERO : Duration.ofMillis(t - queue.peekFirst().spec.arrivalMs());
        return new ScalingInputs(queue.size(), busySlots(), oldest, settings.slots(), ready, pods.size() - ready,
                desired, workers, stats.completed(), Instant.ofEpochMilli(t));
    }

    void arrive(SimTask task) {
        queue.addLast(task);
        dispatch();
        if (!queue.isEmpty()) {
            stats.backlog(now());
        }
    }

    /** Pod-milliseconds of the pods still alive at {@code end}. */
    long aliveMillis(long end) {
        return pods.stream().mapToLong(p -> end - p.createdAt).sum();
    }

    private void delete(SimPod pod) {
        pods.remove(pod);
        stats.podGone(now() - pod.createdAt);
        for (SimTask task : pod.running) {
            task.attempt++; // its completion event is now stale
            stats.killed();
        }
        for (int i = pod.running.size() - 1; i >= 0; i--) {
            queue.addFirst(pod.running.get(i));
        }
        pod.running.clear();
        dispatch();
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
                dispatch();
            }
        });
    }

    private SimPod find(String name) {
        for (SimPod p : pods) {
            if (p.name.equals(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("no pod named " + name + " in the simulated pool");
    }
}
