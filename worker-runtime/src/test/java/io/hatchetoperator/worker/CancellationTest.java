package io.hatchetoperator.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hatchetoperator.worker.runtime.WorkerRuntime;
import io.hatchetoperator.worker.testing.TestingEngine;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A cancel frees the slot at once as the engine does, and a task that ignores it is counted as an overrun. */
class CancellationTest {
  private final CountDownLatch stubborn = new CountDownLatch(1);
  private final AtomicInteger started = new AtomicInteger();
  private TestingEngine engine;
  private WorkerRuntime worker;

  @BeforeEach
  void setUp() throws Exception {
    engine = new TestingEngine();
    Hatchet hatchet = engine.hatchet().build();
    worker = (WorkerRuntime) hatchet.worker("cancels", WorkerOptions.slots(1), hatchet.task("busy", (input, ctx) -> {
      started.incrementAndGet();
      if (input.containsKey("ignoreCancel")) {
        while (stubborn.getCount() > 0) {
          try {
            stubborn.await();
          } catch (InterruptedException e) {
            // ignores the interruption on purpose, like code stuck in a call that does not honour it
          }
        }
      } else {
        Thread.sleep(60_000);
      }
      return Map.of();
    }));
    worker.startAsync().get(30, TimeUnit.SECONDS);
    await().until(engine.dispatcher::listening);
  }

  @AfterEach
  void tearDown() {
    stubborn.countDown();
    worker.kill();
    engine.close();
  }

  @Test
  void aCooperativeTaskStopsWithinTheGracePeriodAndNothingIsReported() {
    String run = engine.dispatcher.assign("busy:busy", "{}");
    await().until(() -> started.get() == 1);

    engine.dispatcher.cancel(run);

    await().until(() -> worker.runningTasks() == 0);
    assertThat(engine.dispatcher.events(run)).hasSize(1);
    assertThat(worker.metrics().cancellationOverruns()).isZero();
  }

  @Test
  void theSlotIsFreedAtOnceAndATaskIgnoringTheCancelIsCountedAsAnOverrun() throws Exception {
    String run = engine.dispatcher.assign("busy:busy", "{\"ignoreCancel\":true}");
    await().until(() -> started.get() == 1);

    engine.dispatcher.cancel(run);
    engine.dispatcher.assign("busy:busy", "{}");

    await("the next run takes the freed slot while the cancelled one still runs")
        .until(() -> started.get() == 2);
    await().until(() -> worker.metrics().cancellationOverruns() == 1);
    assertThat(engine.dispatcher.events(run)).hasSize(1);
  }
}
