package io.hatchetoperator.operator.autoscaling;

import static org.assertj.core.api.Assertions.assertThat;

import io.hatchetoperator.autoscaler.ScalingInputs;
import io.hatchetoperator.autoscaler.WorkerSnapshot;
import io.hatchetoperator.operator.engine.EngineWorker;
import io.hatchetoperator.operator.engine.EngineWorker.Status;
import io.hatchetoperator.operator.engine.TaskStats;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PoolInputsMapperTest {

  static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
  static final TenantKey TENANT = new TenantKey("http://e", "t", "f");

  static EngineWorker worker(String id, String pool, String pod, Status status, int busy,
      boolean reported) {
    return new EngineWorker(id, "n", status, busy, reported ? 4 : 0, reported,
        pod == null ? Map.of(PoolInputsMapper.POOL_LABEL, pool)
            : Map.of(PoolInputsMapper.POOL_LABEL, pool, PoolInputsMapper.POD_LABEL, pod));
  }

  static PoolView view(int current) {
    return new PoolView("ns/a", "a", Set.of("resize", "thumb"), 4, current,
        Set.of("pod-1", "pod-2"), Set.of("pod-1", "pod-2", "pod-3"));
  }

  @Test
  void sumsThePoolsTasksAndAgesTheOldestQueuedTask() {
    TenantSnapshot snapshot = TenantSnapshot.of(TENANT, NOW, Map.of(
        "resize", new TaskStats("resize", 7, 2, Optional.of(NOW.minusSeconds(30))),
        "thumb", new TaskStats("thumb", 3, 1, Optional.of(NOW.minusSeconds(5))),
        "other", new TaskStats("other", 100, 100, Optional.of(NOW.minusSeconds(999)))),
        List.of(), Duration.ofMillis(3));

    ScalingInputs in = PoolInputsMapper.map(view(4), snapshot);

    assertThat(in.queued()).isEqualTo(10);
    assertThat(in.running()).isEqualTo(3);
    assertThat(in.oldestQueuedAge()).isEqualTo(Duration.ofSeconds(30));
    assertThat(in.readyReplicas()).isEqualTo(2);
    assertThat(in.startingReplicas()).as("4 wanted, 2 ready").isEqualTo(2);
    assertThat(in.desiredReplicas()).isEqualTo(4);
    assertThat(in.slotsPerWorker()).isEqualTo(4);
    assertThat(in.now()).isEqualTo(NOW);
  }

  @Test
  void keepsOnlyLiveWorkersOfThePoolsLivePods() {
    TenantSnapshot snapshot = TenantSnapshot.of(TENANT, NOW, Map.of(), List.of(
        worker("w1", "a", "pod-1", Status.ACTIVE, 1, true),
        worker("w2", "a", "pod-2", Status.PAUSED, 0, true),
        worker("gone", "a", "pod-9", Status.ACTIVE, 0, true),
        worker("dead", "a", "pod-3", Status.INACTIVE, 0, true),
        worker("other", "b", "pod-3", Status.ACTIVE, 0, true),
        worker("nolabel", "a", null, Status.ACTIVE, 0, true)), Duration.ZERO);

    List<WorkerSnapshot> workers = PoolInputsMapper.map(view(3), snapshot).workers();

    assertThat(workers).extracting(WorkerSnapshot::workerId).containsExactlyInAnyOrder("w1", "w2");
    assertThat(workers).filteredOn(w -> w.workerId().equals("w2")).singleElement()
        .satisfies(w -> assertThat(w.paused()).isTrue());
  }

  @Test
  void keepsTheBusierOfTwoWorkersOnOnePodAndTreatsUnknownSlotsAsBusy() {
    TenantSnapshot snapshot = TenantSnapshot.of(TENANT, NOW, Map.of(), List.of(
        worker("old", "a", "pod-1", Status.ACTIVE, 0, true),
        worker("new", "a", "pod-1", Status.ACTIVE, 3, true),
        worker("blind", "a", "pod-2", Status.ACTIVE, 0, false)), Duration.ZERO);

    List<WorkerSnapshot> workers = PoolInputsMapper.map(view(2), snapshot).workers();

    assertThat(workers).extracting(WorkerSnapshot::workerId).containsExactlyInAnyOrder("new",
        "blind");
    assertThat(workers).filteredOn(w -> w.workerId().equals("blind")).singleElement()
        .satisfies(w -> assertThat(w.idle()).isFalse());
  }

  @Test
  void passesThePollsCompletionCountAndMeasuresStartUpOnTheYoungestPod() {
    PoolView view = new PoolView("ns/a", "a", Set.of("resize"), 4, 2, Set.of("pod-1", "pod-2"),
        Set.of("pod-1", "pod-2"), Map.of("pod-1", NOW.minusSeconds(600), "pod-2", NOW.minusSeconds(40)));
    EngineWorker old = new EngineWorker("w1", "n", Status.ACTIVE, 0, 4, true,
        Map.of(PoolInputsMapper.POOL_LABEL, "a", PoolInputsMapper.POD_LABEL, "pod-1"),
        NOW.minusSeconds(590));
    EngineWorker young = new EngineWorker("w2", "n", Status.ACTIVE, 0, 4, true,
        Map.of(PoolInputsMapper.POOL_LABEL, "a", PoolInputsMapper.POD_LABEL, "pod-2"),
        NOW.minusSeconds(28));
    TenantSnapshot snapshot = TenantSnapshot.of(TENANT, NOW, Map.of(), List.of(old, young),
        Duration.ZERO, Map.of("ns/a", 42L), 4);

    ScalingInputs in = PoolInputsMapper.map(view, snapshot);

    assertThat(in.completedTotal()).isEqualTo(42);
    assertThat(in.podStartupMillis()).as("pod-2: created 40 s ago, registered 28 s ago")
        .isEqualTo(12_000);
    assertThat(PoolInputsMapper.map(view(2), TenantSnapshot.of(TENANT, NOW, Map.of(), List.of(),
        Duration.ZERO)).completedTotal()).isEqualTo(ScalingInputs.UNKNOWN_COMPLETIONS);
  }

  @Test
  void matchesGoWorkersByTheirAutoscalingTargetAndReportsReadyPodsLeftUnmatched() {
    EngineWorker go = new EngineWorker("g", "n", Status.ACTIVE, 3, 100, true,
        Map.of(PoolInputsMapper.AUTOSCALING_TARGET_LABEL, "pod-2"));
    EngineWorker typescript = new EngineWorker("ts", "n", Status.ACTIVE, 2, 4, true, Map.of());
    EngineWorker elsewhere = new EngineWorker("x", "n", Status.ACTIVE, 0, 4, true,
        Map.of(PoolInputsMapper.AUTOSCALING_TARGET_LABEL, "pod-of-another-pool"));
    TenantSnapshot snapshot = TenantSnapshot.of(TENANT, NOW, Map.of(),
        List.of(go, typescript, elsewhere), Duration.ofMillis(3));

    ScalingInputs in = PoolInputsMapper.map(view(3), snapshot);

    assertThat(in.workers()).extracting(WorkerSnapshot::workerId, WorkerSnapshot::podName,
        WorkerSnapshot::busySlots).containsExactly(org.assertj.core.groups.Tuple.tuple("g", "pod-2", 3));
    assertThat(in.unmatchedReadyPods()).as("pod-1 is ready with no matched worker; pod-3 is not ready")
        .containsExactly("pod-1");
  }
}
