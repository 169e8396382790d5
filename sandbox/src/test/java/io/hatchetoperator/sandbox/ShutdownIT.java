package io.hatchetoperator.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.hatchetoperator.engine.core.WorkerView;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Closing the sandbox drains its workers (they leave the engine INACTIVE) instead of killing them. */
class ShutdownIT {

  @Test
  void closing_drains_every_worker_and_kills_none() throws Exception {
    Sandbox sandbox = E2e.start("small", Duration.ofSeconds(30));
    try {
      sandbox.awaitReady(1, Duration.ofSeconds(60));
    } finally {
      sandbox.close();
    }
    List<WorkerView> workers = sandbox.engine().scheduler().workers();
    assertThat(workers).isNotEmpty();
    assertThat(workers).extracting(WorkerView::status).containsOnly("INACTIVE");
    assertThat(sandbox.pods().snapshot().tasksKilled()).isZero();
    assertThat(sandbox.pods().drainedOnClose()).as("pods drained, not killed").isGreaterThanOrEqualTo(1);
  }
}
