package io.hatchetoperator.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hatchetoperator.sandbox.load.TraceRow;
import io.hatchetoperator.sandbox.report.RunReport;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Scenario 3: a worker crashes (its pod deleted with no grace); its tasks are reassigned and complete. */
class WorkerCrashIT {

  @Test
  void tasksOfACrashedWorkerAreReassignedAndNoneIsLost() throws Exception {
    try (Sandbox sandbox = E2e.start("manual", Duration.ofSeconds(90))) {
      sandbox.awaitReady(2, Duration.ofSeconds(60));
      List<TraceRow> rows = IntStream.range(0, 10).mapToObj(i -> new TraceRow(i * 20L, 4_000)).toList();
      try (SandboxRun run = E2e.run(sandbox, E2e.trace("crash", rows))) {
        await().atMost(Duration.ofSeconds(20)).until(() -> sandbox.pods().snapshot().busySlots() == 10);
        String victim = sandbox.pods().livePods("sandbox", "manual").get(0);
        sandbox.pods().crash("sandbox", victim);

        await().atMost(Duration.ofSeconds(20)).until(() -> sandbox.pods().snapshot().ready() == 2
            && !sandbox.pods().livePods("sandbox", "manual").contains(victim));
        assertThat(run.awaitSettled()).as("every result arrived").isTrue();
        RunReport r = run.finish().report();
        assertThat(r.tasksSubmitted()).isEqualTo(10);
        assertThat(r.tasksCompleted()).isEqualTo(10);
        assertThat(r.tasksLost()).isZero();
        assertThat(r.tasksDuplicated()).isZero();
        assertThat(r.tasksKilled()).as("a crash is not a grace-period kill").isZero();
      }
    }
  }
}
