package io.hatchetoperator.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.hatchetoperator.sandbox.cluster.ClusterSnapshot;
import io.hatchetoperator.sandbox.cluster.PodTermination;
import io.hatchetoperator.sandbox.cluster.ReplicaSetState;
import io.hatchetoperator.sandbox.report.RunReport;
import io.hatchetoperator.sandbox.report.SvgChart;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Scenario 8: a new release of the workers (the pool's template changes) in the middle of a burst rolls every pod,
 * losing, repeating and killing nothing, and never running with fewer ready slots than when it began.
 */
class RolloutIT {

  private static final int TASKS = 100;

  /** What the watcher saw every 100 ms: ready pods and slots of ready pods, desired replicas, old-template pods. */
  private record Seen(long atMs, int ready, int readySlots, int desired, int outdated) {}

  @Test
  void aTemplateChangeMidBurstRollsThePoolLosingNothing() throws Exception {
    try (Sandbox sandbox = E2e.start("rollout", Duration.ofSeconds(60))) {
      sandbox.awaitReady(1, Duration.ofSeconds(60));
      String ns = sandbox.settings().namespace();
      List<Seen> seen = new CopyOnWriteArrayList<>();
      ScheduledExecutorService watch = Executors.newSingleThreadScheduledExecutor();
      Instant t0 = Instant.now();
      watch.scheduleAtFixedRate(() -> {
        ClusterSnapshot s = sandbox.pods().snapshot();
        seen.add(new Seen(Duration.between(t0, Instant.now()).toMillis(), s.ready(), s.totalSlots(),
            sandbox.pods().desiredReplicas(ns, "rollout"), s.outdated()));
      }, 0, 100, TimeUnit.MILLISECONDS);
      // 100 tasks of 1-2.5 s: the pool grows to its maximum of 6 and is busy when the template changes
      try (SandboxRun run = E2e.run(sandbox, E2e.trace("rollout-100",
          E2e.burst(new Random(8), TASKS, 500, 500, 1_000, 2_500)))) {
        while (!(sandbox.pods().snapshot().ready() >= 4
            && sandbox.pods().snapshot().ready() == sandbox.pods().desiredReplicas(ns, "rollout")
            && run.ledger().inFlight() > 20)) {
          assertThat(run.elapsed()).as("the burst fills at least 4 ready pods").isLessThan(Duration.ofSeconds(20));
          Thread.sleep(100);
        }
        long changedAtMs = Duration.between(t0, Instant.now()).toMillis();
        int readyAtChange = sandbox.pods().snapshot().ready();
        int slotsAtChange = sandbox.pods().snapshot().totalSlots();
        assertThat(TemplateChange.nextRevision(sandbox.kubernetes(), ns, "rollout")).isEqualTo(2);

        while (!(run.ledger().counts().submitted() == TASKS && run.ledger().inFlight() == 0
            && sandbox.pods().snapshot().outdated() == 0)) {
          assertThat(run.elapsed()).as("every result in and the rollout done").isLessThan(Duration.ofSeconds(25));
          Thread.sleep(100);
        }
        watch.shutdownNow();
        SandboxOutcome outcome = run.finish();
        RunReport r = outcome.report();
        assertThat(r.tasksCompleted()).isEqualTo(TASKS);
        assertThat(r.tasksLost()).isZero();
        assertThat(r.tasksDuplicated()).isZero();
        assertThat(r.tasksKilled()).isZero();

        List<Seen> rolling = seen.stream().filter(s -> s.atMs() >= changedAtMs && s.outdated() > 0).toList();
        assertThat(rolling).as("the rollout was seen under way").isNotEmpty();
        assertThat(rolling).as("ready capacity never below what served the burst when the template changed ("
            + slotsAtChange + " slots), unless the operator itself lowered the replicas")
            .allSatisfy(s -> assertThat(s.readySlots()).isGreaterThanOrEqualTo(
                Math.min(slotsAtChange, s.desired() * sandbox.pool().slots())));

        List<PodTermination> old = sandbox.pods().terminations().stream().filter(PodTermination::outdated).toList();
        assertThat(old).as("every pod of the old template was replaced").hasSizeGreaterThanOrEqualTo(readyAtChange);
        assertThat(old).as("old pods drained by themselves within their grace period")
            .allSatisfy(t -> assertThat(t.drainedInGrace()).isTrue());
        assertThat(old).as("old pods were busy when SIGTERM came").anyMatch(t -> t.runningAtSignal() > 0);
        long rolledMs = seen.stream().filter(x -> x.atMs() >= changedAtMs && x.outdated() > 0)
            .mapToLong(Seen::atMs).max().orElse(changedAtMs) - changedAtMs;
        System.out.printf(java.util.Locale.ROOT, "rollout: %d old pods replaced in %.1f s; ready slots at least %d "
            + "during it (%d when the template changed); longest drain %.1f s of a %d s grace; tasks %d completed, "
            + "%d lost, %d duplicated, %d killed%n", old.size(), rolledMs / 1000.0,
            rolling.stream().mapToInt(Seen::readySlots).min().orElse(0), slotsAtChange,
            old.stream().mapToLong(t -> t.drainTime().toMillis()).max().orElse(0) / 1000.0,
            old.get(0).graceSeconds(), r.tasksCompleted(), r.tasksLost(), r.tasksDuplicated(), r.tasksKilled());
        List<ReplicaSetState> sets = sandbox.pods().replicaSets(ns, "rollout");
        assertThat(sets).hasSize(2);
        assertThat(sets.get(0).replicas()).as("old ReplicaSet").isZero();
        assertThat(sets.get(1).replicas()).as("new ReplicaSet")
            .isEqualTo(sandbox.pods().desiredReplicas(ns, "rollout"));
        assertThat(SvgChart.render(outcome.samples(), outcome.events())).as("the chart shows the rollout")
            .contains("rollout started").contains("rollout finished").contains("old-template pods");
      } finally {
        watch.shutdownNow();
      }
    }
  }
}
