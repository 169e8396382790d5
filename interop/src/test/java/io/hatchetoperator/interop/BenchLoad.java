package io.hatchetoperator.interop;

import io.hatchetoperator.worker.Hatchet;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/** A closed-loop load of no-op runs: keeps {@code inFlight} runs open until {@code total} have finished. */
final class BenchLoad {

  /** Throughput and end-to-end latency of one measured batch. */
  record Result(String name, int runs, double seconds, double perSecond, double p50Ms, double p99Ms, int failed) {

    String line() {
      return String.format("%-30s %6d runs in %6.2f s = %7.0f /s   p50 %7.2f ms   p99 %7.2f ms%s", name, runs,
          seconds, perSecond, p50Ms, p99Ms, failed == 0 ? "" : "   FAILED " + failed);
    }
  }

  private BenchLoad() {}

  static Result run(Hatchet client, String task, int total, int inFlight, String name) throws InterruptedException {
    long[] latency = new long[total];
    Semaphore window = new Semaphore(inFlight);
    CountDownLatch done = new CountDownLatch(total);
    AtomicInteger failed = new AtomicInteger();
    long start = System.nanoTime();
    for (int i = 0; i < total; i++) {
      window.acquire();
      long t0 = System.nanoTime();
      int index = i;
      client.client().run(task, Map.of()).whenComplete((r, e) -> {
        latency[index] = System.nanoTime() - t0;
        if (e != null && failed.getAndIncrement() == 0) {
          System.err.println(task + " failed: " + e);
        }
        window.release();
        done.countDown();
      });
    }
    done.await();
    double seconds = (System.nanoTime() - start) / 1e9;
    Arrays.sort(latency);
    return new Result(name, total, seconds, total / seconds, latency[total / 2] / 1e6,
        latency[(int) (total * 0.99)] / 1e6, failed.get());
  }
}
