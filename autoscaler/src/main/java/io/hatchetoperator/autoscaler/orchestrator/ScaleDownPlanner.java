package io.hatchetoperator.autoscaler.orchestrator;

import io.hatchetoperator.autoscaler.Cordon;
import io.hatchetoperator.autoscaler.PoolScalingSettings;
import io.hatchetoperator.autoscaler.ScalingInputs;
import io.hatchetoperator.autoscaler.UnmatchedWorkers;
import io.hatchetoperator.autoscaler.WorkerSnapshot;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The pure scale-down protocol that kills nothing: not-ready pods with no worker yet go first; otherwise idle
 * workers are cordoned on one tick and, still idle on a following tick, released by lowering replicas; a reversed
 * decision uncordons them. With no idle worker, the least busy ones are cordoned to drain (the engine spreads tasks
 * round-robin, so under steady load no worker is ever idle) and released once idle; with none of those either,
 * it waits.
 *
 * <p>A ready pod whose worker cannot be matched ({@link ScalingInputs#unmatchedReadyPods()}) may be busy with work
 * nobody can see: it is never counted as "no worker yet". Under {@link UnmatchedWorkers#HOLD} (the default) every
 * scale-down of the pool is held while one exists, except the removal of not-ready pods with no worker; under
 * {@link UnmatchedWorkers#TERMINATE} one such pod may be removed per scale-down stabilization window once no
 * matched worker is left to remove.
 *
 * <p>The ReplicaSet deletes not-ready pods before it looks at deletion costs, so while a pod whose worker is
 * registered is not ready (starting, or failing its readiness probe while it works), no named pod is released:
 * lowering the count would remove that pod instead. Confirmed idle workers stay paused until it is ready or gone.
 */
public final class ScaleDownPlanner {

    private final VictimSelector selector;

    public ScaleDownPlanner(VictimSelector selector) {
        this.selector = selector;
    }

    /** Plans the tick that moves the pool from {@code in.desiredReplicas()} towards {@code target}. */
    public ScaleDownPlan plan(ScalingInputs in, int target, List<Cordon> cordons, PoolScalingSettings cfg) {
        long now = in.now().toEpochMilli();
        int current = in.desiredReplicas();
        Map<String, WorkerSnapshot> byId = new HashMap<>();
        in.workers().forEach(w -> byId.put(w.workerId(), w));
        List<Cordon> kept = new ArrayList<>();
        List<Cordon> toUncordon = new ArrayList<>();
        List<Cordon> pending = new ArrayList<>();
        Set<String> removedUnmatched = new HashSet<>();
        int releasedWorkers = 0;
        for (Cordon c : cordons) {
            if (c.podOnly()) {
                if (now - c.sinceMillis() < unmatchedWindowMillis(cfg)) {
                    kept.add(c); // bounds how often an unmatched pod is removed
                    removedUnmatched.add(c.podName());
                }
                continue;
            }
            if (!byId.containsKey(c.workerId())) {
                continue; // its pod is gone: nothing left to undo
            }
            if (!c.released()) {
                pending.add(c);
            } else if (now - c.sinceMillis() >= cfg.cordonTimeout().toMillis()) {
                toUncordon.add(c); // replicas were lowered, yet this pod stayed: give it work again
            } else {
                kept.add(c);
                releasedWorkers++;
            }
        }
        if (target >= current) {
            toUncordon.addAll(pending);
            return new ScaleDownPlan(target, List.of(), toUncordon, kept, 0, List.of(), 0);
        }
        int need = current - target;
        List<String> unmatched = in.unmatchedReadyPods().stream().filter(p -> !removedUnmatched.contains(p))
                .sorted().toList();
        int registered = in.workers().size() - releasedWorkers;
        // pods with neither a matched worker nor readiness: the ReplicaSet removes not-ready pods first
        int lower = Math.min(need, Math.max(0, current - registered - unmatched.size()));
        if (!unmatched.isEmpty() && cfg.unmatchedWorkers() == UnmatchedWorkers.HOLD) {
            toUncordon.addAll(pending); // held: none of them will be released
            return new ScaleDownPlan(current - lower, List.of(), toUncordon, kept, 0, List.of(), need - lower);
        }
        // the ReplicaSet deletes not-ready pods before any deletion cost: while a pod with a worker is not ready,
        // lowering the count for a named pod would remove that one instead, busy or not
        int notReadyWithWorker = Math.max(0,
                in.workers().size() - (in.readyReplicas() - in.unmatchedReadyPods().size()));
        boolean namedPodsGoFirst = notReadyWithWorker == 0;
        pending.sort(Comparator.comparingInt((Cordon c) -> byId.get(c.workerId()).busySlots()));
        int draining = 0;
        List<String> removePods = new ArrayList<>();
        for (Cordon c : pending) {
            if (byId.get(c.workerId()).idle() && lower < need && namedPodsGoFirst) {
                lower++;
                removePods.add(c.podName());
                kept.add(c.release(now)); // confirmed: still idle a tick after its pause
            } else if (lower + draining < need) {
                draining++;
                kept.add(c); // still busy: paused, it finishes its tasks and is confirmed later
            } else {
                toUncordon.add(c); // no longer needed
            }
        }
        Set<String> excluded = new HashSet<>();
        kept.forEach(c -> excluded.add(c.workerId()));
        toUncordon.forEach(c -> excluded.add(c.workerId()));
        List<WorkerSnapshot> victims = new ArrayList<>(selector.select(in.workers(), excluded, need - lower - draining));
        victims.forEach(w -> excluded.add(w.workerId()));
        victims.addAll(selector.selectToDrain(in.workers(), excluded, need - lower - draining - victims.size()));
        victims.forEach(w -> kept.add(new Cordon(w.workerId(), w.podName(), now, false)));
        int missing = need - lower - draining - victims.size();
        if (missing > 0 && !unmatched.isEmpty() && removedUnmatched.isEmpty() && namedPodsGoFirst) {
            String pod = unmatched.get(0); // TERMINATE: one at a time, its SDK's SIGTERM drain is the only guard
            lower++;
            missing--;
            removePods.add(pod);
            kept.add(Cordon.unmatchedPod(pod, now));
        }
        return new ScaleDownPlan(current - lower, victims, toUncordon, kept, missing, removePods,
                unmatched.isEmpty() ? 0 : missing);
    }

    /**
     * At most one unmatched pod is removed per this window: the scale-down stabilization (the break-even hold's pod
     * start-up when no fixed window is set), at least one poll.
     */
    private static long unmatchedWindowMillis(PoolScalingSettings cfg) {
        long window = cfg.breakEvenHold() ? cfg.podStartup().toMillis() : cfg.scaleDownStabilization().toMillis();
        return Math.max(window, cfg.pollInterval().toMillis());
    }
}
