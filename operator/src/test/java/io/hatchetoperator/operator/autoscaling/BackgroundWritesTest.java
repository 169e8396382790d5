package io.hatchetoperator.operator.autoscaling;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class BackgroundWritesTest {

  @Test
  void writesInOrderOffTheCallersThread() {
    List<String> done = new CopyOnWriteArrayList<>();
    try (BackgroundWrites writes = new BackgroundWrites()) {
      String caller = Thread.currentThread().getName();
      for (int i = 0; i < 50; i++) {
        int n = i;
        writes.submit(() -> done.add(n + "@" + Thread.currentThread().getName()));
      }
      writes.awaitIdle();
      assertThat(done).hasSize(50).allMatch(s -> !s.endsWith("@" + caller));
      assertThat(done.get(0)).startsWith("0@");
      assertThat(done.get(49)).startsWith("49@");
    }
  }

  @Test
  void nothingIsWrittenOnceTheGateCloses() {
    List<Integer> done = new CopyOnWriteArrayList<>();
    AtomicBoolean mayWrite = new AtomicBoolean(true);
    try (BackgroundWrites writes = new BackgroundWrites()) {
      writes.gate(mayWrite::get);
      CountDownLatch hold = new CountDownLatch(1);
      writes.submit(() -> await(hold));
      writes.submit(() -> done.add(1)); // queued while the Lease is still held
      mayWrite.set(false);               // then lost
      hold.countDown();
      writes.submit(() -> done.add(2));
      writes.awaitIdle();
      assertThat(done).as("queued before the loss, run after it: dropped").isEmpty();
    }
  }

  @Test
  void aFullQueueDropsInsteadOfBlockingTheReconcile() {
    try (BackgroundWrites writes = new BackgroundWrites()) {
      CountDownLatch hold = new CountDownLatch(1);
      writes.submit(() -> await(hold));
      long started = System.nanoTime();
      for (int i = 0; i < BackgroundWrites.QUEUE + 100; i++) {
        writes.submit(() -> { });
      }
      assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started)).as("never blocked").isLessThan(5);
      hold.countDown();
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
