package io.hatchetoperator.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.hatchetoperator.sandbox.report.RunReport;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Scenario 1: 500 tasks on a pool with min 1, max 10, 5 slots. */
class BurstIT {

  private static final long POLL_MS = 2_000;

  @Test
  void growsWithinTwoPollsRunsEveryTaskOnceAndReturnsToMinWithNothingKilled() throws Exception {
    try (Sandbox sandbox = E2e.start("burst", Duration.ofSeconds(120))) {
      sandbox.awaitReady(1, Duration.ofSeconds(60));
      try (SandboxRun run = E2e.run(sandbox, E2e.trace("burst-500",
          E2e.burst(new Random(1), 500, 1_000, 1_000, 1_000, 2_000)))) {
        assertThat(run.awaitSettled()).as("all results in and back at min 1").isTrue();
        SandboxOutcome outcome = run.finish();
        RunReport r = outcome.report();
        assertThat(r.tasksSubmitted()).isEqualTo(500);
        assertThat(r.tasksCompleted()).isEqualTo(500);
        assertThat(r.tasksLost()).isZero();
        assertThat(r.tasksDuplicated()).isZero();
        assertThat(r.tasksKilled()).isZero();
        assertThat(r.firstScaleUpMs()).as("first scale-up after the burst").isBetween(0L, 2 * POLL_MS);
        assertThat(r.maxReplicas()).isGreaterThan(1).isLessThanOrEqualTo(10);
        assertThat(r.finalReplicas()).isEqualTo(1);
        assertThat(outcome.events().get(0).to()).as("one step up, not a ramp").isGreaterThanOrEqualTo(5);
      }
    }
  }
}
