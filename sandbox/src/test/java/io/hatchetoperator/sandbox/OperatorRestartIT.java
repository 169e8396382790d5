package io.hatchetoperator.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hatchetoperator.sandbox.report.RunReport;
import io.hatchetoperator.sandbox.report.ScaleEvent;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Scenario 4: the operator restarts in the middle of a burst; replicas do not churn and the run completes. */
class OperatorRestartIT {

  @Test
  void restartMidBurstKeepsReplicasAndTheRunCompletes() throws Exception {
    try (Sandbox sandbox = E2e.start("small", Duration.ofSeconds(120))) {
      sandbox.awaitReady(1, Duration.ofSeconds(60));
      try (SandboxRun run = E2e.run(sandbox, E2e.trace("restart",
          E2e.burst(new Random(4), 150, 1_000, 2_000, 2_000, 3_000)))) {
        await().atMost(Duration.ofSeconds(30)).until(() -> sandbox.pods().desiredReplicas("sandbox", "small") > 1);
        int before = sandbox.pods().desiredReplicas("sandbox", "small");
        long restartAt = run.elapsed().toMillis();
        sandbox.stopOperator();
        Thread.sleep(2_000);
        sandbox.startOperator();
        Thread.sleep(4_000);
        assertThat(sandbox.pods().desiredReplicas("sandbox", "small")).as("no reset to min after the restart")
            .isGreaterThanOrEqualTo(before);

        await().atMost(Duration.ofSeconds(90)).until(() -> run.ledger().counts().submitted() == 150
            && run.ledger().inFlight() == 0);
        long drainedAt = run.elapsed().toMillis();
        assertThat(run.awaitSettled()).isTrue();
        SandboxOutcome outcome = run.finish();
        RunReport r = outcome.report();
        assertThat(r.tasksCompleted()).isEqualTo(150);
        assertThat(r.tasksLost()).isZero();
        assertThat(r.tasksDuplicated()).isZero();
        assertThat(r.tasksKilled()).isZero();
        List<ScaleEvent> afterRestart = outcome.events().stream()
            .filter(e -> e.tMs() >= restartAt && e.tMs() <= drainedAt).toList();
        assertThat(E2e.noDipThenRise(afterRestart))
            .as("no replica churn from the restart until the burst drained: " + afterRestart).isTrue();
        assertThat(r.finalReplicas()).isEqualTo(1);
      }
    }
  }
}
