package io.hatchetoperator.worker.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Task runs on virtual threads where the JDK has them, else on a pool bounded by the slots; queued runs hold no thread. */
class WorkerThreadsTest {

  @Test
  void manyQueuedRunsNeverTakeMorePlatformThreadsThanSlotsPlusSpare() throws Exception {
    WorkerThreads threads = new WorkerThreads("bounded", 4);
    Set<Thread> used = ConcurrentHashMap.newKeySet();
    CountDownLatch done = new CountDownLatch(500);
    try {
      for (int i = 0; i < 500; i++) {
        threads.tasks().execute(() -> {
          used.add(Thread.currentThread());
          done.countDown();
        });
      }
      assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
      if (Runtime.version().feature() >= 21) {
        assertThat(threads.virtual()).isTrue();
        assertThat(used).allMatch(WorkerThreadsTest::isVirtual);
      } else {
        assertThat(threads.virtual()).isFalse();
        assertThat(((ThreadPoolExecutor) threads.tasks()).getMaximumPoolSize()).isEqualTo(4 + WorkerThreads.SPARE_THREADS);
        assertThat(used).hasSizeLessThanOrEqualTo(4 + WorkerThreads.SPARE_THREADS);
      }
    } finally {
      threads.close(true);
    }
  }

  private static boolean isVirtual(Thread t) {
    try {
      return (Boolean) Thread.class.getMethod("isVirtual").invoke(t);
    } catch (ReflectiveOperationException e) {
      return false;
    }
  }
}
