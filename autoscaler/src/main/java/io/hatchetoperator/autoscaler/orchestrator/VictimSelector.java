package io.hatchetoperator.autoscaler.orchestrator;

import io.hatchetoperator.autoscaler.WorkerSnapshot;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Pure choice of the workers to remove on a scale-down: workers matched to a pod, with a fresh heartbeat and no
 * pause of someone else's; idle ones to remove at once, else the least busy to drain; in a stable order (busy slots, pod name,
 * worker id) so repeated ticks pick the same ones.
 */
public final class VictimSelector {

    /**
     * Up to {@code count} removable workers.
     *
     * @param workers the pool's workers now
     * @param excluded worker ids already cordoned (or just uncordoned) that must not be picked
     * @param count how many are wanted
     */
    public List<WorkerSnapshot> select(List<WorkerSnapshot> workers, Set<String> excluded, int count) {
        return pick(workers, excluded, count, true);
    }

    /**
     * Up to {@code count} busy workers to drain (pause, let finish, then remove), least busy first: used only
     * when no idle worker is left.
     */
    public List<WorkerSnapshot> selectToDrain(List<WorkerSnapshot> workers, Set<String> excluded, int count) {
        return pick(workers, excluded, count, false);
    }

    private static List<WorkerSnapshot> pick(List<WorkerSnapshot> workers, Set<String> excluded, int count,
            boolean idle) {
        List<WorkerSnapshot> out = new ArrayList<>();
        if (count <= 0) {
            return out;
        }
        List<WorkerSnapshot> sorted = new ArrayList<>(workers);
        sorted.sort(Comparator.comparingInt(WorkerSnapshot::busySlots).thenComparing(WorkerSnapshot::podName)
                .thenComparing(WorkerSnapshot::workerId));
        for (WorkerSnapshot w : sorted) {
            if (out.size() == count) {
                break;
            }
            boolean matchedToPod = !w.podName().isEmpty(); // else its pod cannot be named for removal
            if (w.idle() == idle && w.heartbeatFresh() && !w.paused() && matchedToPod
                    && !excluded.contains(w.workerId())) {
                out.add(w);
            }
        }
        return out;
    }
}
