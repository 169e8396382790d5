package io.hatchetoperator.autoscaler.orchestrator;

import io.hatchetoperator.autoscaler.WorkerSnapshot;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Pure choice of the workers to remove on a scale-down: only workers with no busy slot, a fresh heartbeat and
 * no pause of someone else's; in a stable order (pod name, then worker id) so repeated ticks pick the same ones.
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
        List<WorkerSnapshot> out = new ArrayList<>();
        if (count <= 0) {
            return out;
        }
        List<WorkerSnapshot> sorted = new ArrayList<>(workers);
        sorted.sort(Comparator.comparing(WorkerSnapshot::podName).thenComparing(WorkerSnapshot::workerId));
        for (WorkerSnapshot w : sorted) {
            if (out.size() == count) {
                break;
            }
            if (w.idle() && w.heartbeatFresh() && !w.paused() && !excluded.contains(w.workerId())) {
                out.add(w);
            }
        }
        return out;
    }
}
