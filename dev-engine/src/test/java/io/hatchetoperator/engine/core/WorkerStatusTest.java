package io.hatchetoperator.engine.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A worker's status as Hatchet derives it (hatchet-dev/hatchet, api/v1/server/oas/transformers/v1/worker.go): PAUSED
 * when paused, but INACTIVE once it stopped heartbeating, whatever its pause flag; a drained worker ends INACTIVE.
 */
class WorkerStatusTest {

  private final Engines e = new Engines();

  private String status(String id) {
    return e.scheduler.worker("worker", id).status();
  }

  @Test
  void a_paused_worker_that_unsubscribed_is_inactive() {
    e.simple("t");
    RecordingSink w = e.worker("w", 1, "t:t");
    e.scheduler.setPaused(w.workerId, true);
    assertThat(status(w.workerId)).isEqualTo("PAUSED");
    e.scheduler.unsubscribe(w.workerId);
    assertThat(status(w.workerId)).isEqualTo("INACTIVE");
    assertThat(e.scheduler.isPaused(w.workerId)).as("the pause is still known").isTrue();
  }

  @Test
  void a_paused_worker_that_stopped_heartbeating_is_inactive() {
    e.simple("t");
    RecordingSink w = e.worker("w", 1, "t:t");
    e.scheduler.setPaused(w.workerId, true);
    e.clock.advance(java.time.Duration.ofSeconds(6));
    assertThat(status(w.workerId)).isEqualTo("INACTIVE");
  }
}
