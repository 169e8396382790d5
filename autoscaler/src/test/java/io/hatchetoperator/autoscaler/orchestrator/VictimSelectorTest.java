package io.hatchetoperator.autoscaler.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import io.hatchetoperator.autoscaler.WorkerSnapshot;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which workers may be removed, and in which order. */
class VictimSelectorTest {

    private static final List<WorkerSnapshot> WORKERS = List.of(
            WorkerSnapshot.of("a", "pod-a", 3, 10),
            WorkerSnapshot.of("b", "pod-b", 0, 10),
            WorkerSnapshot.of("c", "pod-c", 1, 10),
            WorkerSnapshot.of("d", "pod-d", 0, 10),
            new WorkerSnapshot("e", "pod-e", 0, 10, true, true),   // paused by someone else
            new WorkerSnapshot("f", "pod-f", 0, 10, false, false), // silent
            WorkerSnapshot.of("g", "", 0, 10));                     // not matched to a pod

    private final VictimSelector selector = new VictimSelector();

    @Test
    void onlyIdleLiveUnpausedWorkersWithAPodInAStableOrder() {
        assertThat(selector.select(WORKERS, Set.of(), 5)).extracting(WorkerSnapshot::workerId)
                .containsExactly("b", "d");
        assertThat(selector.select(WORKERS, Set.of("b"), 1)).extracting(WorkerSnapshot::workerId)
                .containsExactly("d");
    }

    @Test
    void drainsTheLeastBusyFirst() {
        assertThat(selector.selectToDrain(WORKERS, Set.of(), 5)).extracting(WorkerSnapshot::workerId)
                .containsExactly("c", "a");
        assertThat(selector.selectToDrain(WORKERS, Set.of(), 0)).isEmpty();
    }
}
