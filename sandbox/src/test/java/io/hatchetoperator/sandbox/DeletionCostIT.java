package io.hatchetoperator.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.hatchetoperator.sandbox.cluster.PodDeletion;
import io.hatchetoperator.sandbox.load.TraceRow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Scenario 6: across many scale-downs, a busy pod is never removed while an idle one is left running. */
class DeletionCostIT {

  @Test
  void scaleDownsTakeIdlePodsOnly() throws Exception {
    try (Sandbox sandbox = E2e.start("small", Duration.ofSeconds(120))) {
      sandbox.awaitReady(1, Duration.ofSeconds(60));
      Random random = new Random(6);
      List<TraceRow> rows = new ArrayList<>();
      for (int wave = 0; wave < 3; wave++) {
        long at = 1_000 + wave * 15_000L;
        rows.addAll(E2e.burst(random, 60, at, 1_000, 1_000, 2_000));
        rows.addAll(E2e.burst(random, 2, at + 1_500, 500, 10_000, 12_000));
      }
      try (SandboxRun run = E2e.run(sandbox, E2e.trace("waves", rows))) {
        assertThat(run.awaitSettled()).isTrue();
        var r = run.finish().report();
        List<PodDeletion> deletions = sandbox.pods().deletions();
        assertThat(deletions).as("a run with many scale-downs").hasSizeGreaterThanOrEqualTo(6);
        assertThat(deletions).as("no busy pod removed while an idle one stayed")
            .noneMatch(d -> d.runningTasks() > 0 && d.idleSurvivors() > 0);
        assertThat(r.tasksKilled()).isZero();
        assertThat(r.tasksLost()).isZero();
        assertThat(r.tasksDuplicated()).isZero();
      }
    }
  }
}
