package io.hatchetoperator.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Ctrl-C or SIGTERM interrupts the run, and the JVM waits until the sandbox has stopped everything. */
class StopOnSignalTest {

  @Test
  void a_signal_interrupts_the_main_thread_and_waits_for_the_close() throws Exception {
    CountDownLatch mainWaiting = new CountDownLatch(1);
    AtomicBoolean interrupted = new AtomicBoolean();
    CountDownLatch hookDone = new CountDownLatch(1);
    Thread[] hook = new Thread[1];
    Thread main = new Thread(() -> {
      try (StopOnSignal stop = new StopOnSignal(Thread.currentThread(), Duration.ofSeconds(30), false)) {
        hook[0] = new Thread(() -> {
          stop.onSignal();
          hookDone.countDown();
        });
        mainWaiting.countDown();
        try {
          Thread.sleep(60_000);
        } catch (InterruptedException e) {
          interrupted.set(stop.requested());
          Thread.interrupted();
        }
        assertThat(hookDone.getCount()).as("the hook waits while the sandbox closes").isEqualTo(1);
      }
    });
    main.start();
    mainWaiting.await();
    hook[0].start();
    assertThat(hookDone.await(30, TimeUnit.SECONDS)).isTrue();
    main.join(30_000);
    assertThat(interrupted).isTrue();
  }
}
