package io.hatchetoperator.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The engine's clock survives anything its work throws, and says when it is not alive. */
class PeriodicWorkTest {

  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

  @AfterEach
  void stop() {
    timer.shutdownNow();
  }

  @Test
  void an_out_of_memory_error_does_not_stop_the_work() {
    AtomicInteger runs = new AtomicInteger();
    PeriodicWork work = new PeriodicWork("sweep", () -> {
      if (runs.incrementAndGet() == 1) {
        throw new OutOfMemoryError("Java heap space");
      }
    }, Duration.ofMillis(10), Duration.ofSeconds(30));
    work.start(timer);
    await().atMost(Duration.ofSeconds(10)).until(() -> runs.get() >= 3);
    assertThat(work.problem()).isNull();
  }

  @Test
  void work_that_keeps_failing_is_reported_not_alive_with_the_cause() {
    PeriodicWork work = new PeriodicWork("sweep", () -> {
      throw new OutOfMemoryError("Java heap space");
    }, Duration.ofMillis(10), Duration.ofMillis(200));
    work.start(timer);
    await().atMost(Duration.ofSeconds(10)).until(() -> work.problem() != null);
    assertThat(work.problem()).contains("sweep").contains("OutOfMemoryError").contains("Java heap space");
  }

  @Test
  void work_whose_executor_stopped_is_not_alive() {
    PeriodicWork work = new PeriodicWork("sweep", () -> { }, Duration.ofMillis(10), Duration.ofSeconds(30));
    work.start(timer);
    timer.shutdownNow();
    await().atMost(Duration.ofSeconds(10)).until(() -> work.problem() != null);
    assertThat(work.problem()).contains("sweep").contains("stopped");
  }
}
