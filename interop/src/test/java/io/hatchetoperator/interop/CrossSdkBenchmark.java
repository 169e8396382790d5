package io.hatchetoperator.interop;

import io.hatchetoperator.engine.DevEngine;
import io.hatchetoperator.engine.DevEngineSettings;
import io.hatchetoperator.examples.worker.SampleWorker;
import io.hatchetoperator.worker.Hatchet;
import io.hatchetoperator.worker.Worker;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * End-to-end no-op tasks (trigger -> result) on one dev engine, side by side in one run: the Java sample worker
 * ({@code simpletask}) versus the official TypeScript SDK worker ({@code ts-noop}), same slots, same Java client, same
 * load; the TypeScript worker is the baseline of the ratio. Workers run one at a time so they never share the CPU.
 *
 * <p>Run: {@code mvn -B -q -pl interop test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.hatchetoperator.interop.CrossSdkBenchmark} (after {@code npm ci} in interop/ts).
 */
public final class CrossSdkBenchmark {

  private CrossSdkBenchmark() {}

  record Result(double perSecond, double p50, double p99) {}

  public static void main(String[] args) throws Exception {
    int slots = Integer.getInteger("slots", 100);
    int total = Integer.getInteger("runs", 10_000);
    int inFlight = Integer.getInteger("inFlight", 200);
    try (DevEngine engine = DevEngine.start(DevEngineSettings.ephemeral())) {
      Hatchet client = Hatchet.fromEnv(JavaSampleWorkerIT.env(engine));
      System.out.printf("slots %d per worker, %d runs at %d in flight, low load = 1 in flight; %d cores%n", slots, total,
          inFlight, Runtime.getRuntime().availableProcessors());

      Hatchet javaSide = Hatchet.fromEnv(JavaSampleWorkerIT.env(engine));
      Worker java = SampleWorker.create(javaSide, "java-bench", slots);
      java.startAsync().get(30, TimeUnit.SECONDS);
      measure(client, "simpletask", total / 2, inFlight, "java warm-up");
      Result javaLow = measure(client, "simpletask", 1_000, 1, "java worker, 1 in flight");
      Result javaHigh = measure(client, "simpletask", total, inFlight, "java worker, " + inFlight + " in flight");
      java.shutdown().get(60, TimeUnit.SECONDS);
      javaSide.close();

      Process ts = NodeScript.start(engine, "bench-ts-worker", "worker.js", "ts-bench", String.valueOf(slots));
      try {
        while (engine.scheduler().workers().stream()
            .noneMatch(w -> w.name().equals("ts-bench") && w.status().equals("ACTIVE"))) {
          Thread.sleep(100);
        }
        measure(client, "ts-noop", total / 2, inFlight, "ts warm-up");
        Result tsLow = measure(client, "ts-noop", 1_000, 1, "ts worker, 1 in flight");
        Result tsHigh = measure(client, "ts-noop", total, inFlight, "ts worker, " + inFlight + " in flight");
        System.out.printf("%nratio java/ts throughput: %.2fx at %d in flight (goal >= 3x: %s); p50 at low load "
            + "java %.2f ms vs ts %.2f ms%n", javaHigh.perSecond / tsHigh.perSecond, inFlight,
            javaHigh.perSecond >= 3 * tsHigh.perSecond ? "met" : "missed", javaLow.p50, tsLow.p50);
      } finally {
        ts.destroy();
        ts.waitFor(20, TimeUnit.SECONDS);
        client.close();
      }
    }
    System.exit(0);
  }

  static Result measure(Hatchet client, String task, int total, int inFlight, String name) throws Exception {
    long[] latency = new long[total];
    Semaphore window = new Semaphore(inFlight);
    CountDownLatch done = new CountDownLatch(total);
    long start = System.nanoTime();
    for (int i = 0; i < total; i++) {
      window.acquire();
      long t0 = System.nanoTime();
      int index = i;
      client.client().run(task, Map.of()).whenComplete((r, e) -> {
        latency[index] = System.nanoTime() - t0;
        if (e != null) {
          System.err.println(task + " failed: " + e);
        }
        window.release();
        done.countDown();
      });
    }
    done.await();
    double seconds = (System.nanoTime() - start) / 1e9;
    Arrays.sort(latency);
    Result r = new Result(total / seconds, latency[total / 2] / 1e6, latency[(int) (total * 0.99)] / 1e6);
    System.out.printf("%-28s %6d runs in %6.2f s = %7.0f /s   p50 %7.2f ms   p99 %7.2f ms%n", name, total, seconds,
        r.perSecond, r.p50, r.p99);
    return r;
  }
}
