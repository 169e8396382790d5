package io.hatchetoperator.interop;

import io.hatchetoperator.engine.DevEngine;
import io.hatchetoperator.engine.DevEngineSettings;
import io.hatchetoperator.examples.worker.SampleWorker;
import io.hatchetoperator.worker.Hatchet;
import io.hatchetoperator.worker.Worker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * End-to-end no-op tasks (trigger -> result) on one dev engine: the Java sample worker ({@code simpletask}) versus the
 * official TypeScript SDK worker ({@code ts-noop}), same slots, same Java client, same load; the TypeScript worker is
 * the baseline of the ratio. Both workers stay registered for the whole run and are measured one at a time, in
 * interleaved rounds (java-ts, then ts-java, ...) so that a change in the machine's load hits both sides alike.
 *
 * <p>Run: {@code mvn -B -q -pl interop test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.hatchetoperator.interop.CrossSdkBenchmark}; it runs {@code npm ci} in interop/ts if needed.
 * Properties: {@code -Dslots=100 -Druns=10000 -DinFlight=200 -Drounds=3}.
 */
public final class CrossSdkBenchmark {

  private static final long WORKER_START_SECONDS = 60;

  private CrossSdkBenchmark() {}

  public static void main(String[] args) throws Exception {
    int slots = Integer.getInteger("slots", 100);
    int total = Integer.getInteger("runs", 10_000);
    int inFlight = Integer.getInteger("inFlight", 200);
    int rounds = Integer.getInteger("rounds", 3);
    TsDependencies.ensure(NodeScript.TS);
    try (DevEngine engine = DevEngine.start(DevEngineSettings.ephemeral());
        Hatchet client = Hatchet.fromEnv(JavaSampleWorkerIT.env(engine));
        Hatchet javaSide = Hatchet.fromEnv(JavaSampleWorkerIT.env(engine))) {
      System.out.printf("slots %d per worker, %d runs at %d in flight, low load = 1 in flight, %d interleaved rounds; "
          + "%d cores%n", slots, total, inFlight, rounds, Runtime.getRuntime().availableProcessors());
      Worker java = SampleWorker.create(javaSide, "java-bench", slots);
      java.startAsync().get(WORKER_START_SECONDS, TimeUnit.SECONDS);
      Process ts = NodeScript.start(engine, "bench-ts-worker", "worker.js", "ts-bench", String.valueOf(slots));
      try {
        awaitActive(engine, ts, "ts-bench");
        BenchLoad.run(client, "simpletask", total / 2, inFlight, "java warm-up");
        BenchLoad.run(client, "ts-noop", total / 2, inFlight, "ts warm-up");
        List<Double> ratios = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
          System.out.printf("%nround %d (load average %s)%n", round, loadAverage());
          boolean javaFirst = round % 2 == 1;
          BenchLoad.Result first = measure(client, javaFirst ? "simpletask" : "ts-noop", total, inFlight);
          BenchLoad.Result second = measure(client, javaFirst ? "ts-noop" : "simpletask", total, inFlight);
          BenchLoad.Result javaHigh = javaFirst ? first : second;
          BenchLoad.Result tsHigh = javaFirst ? second : first;
          BenchLoad.Result javaLow = BenchLoad.run(client, "simpletask", 1_000, 1, "java worker, 1 in flight");
          BenchLoad.Result tsLow = BenchLoad.run(client, "ts-noop", 1_000, 1, "ts worker, 1 in flight");
          System.out.println(javaLow.line());
          System.out.println(tsLow.line());
          double ratio = javaHigh.perSecond() / tsHigh.perSecond();
          ratios.add(ratio);
          System.out.printf("round %d ratio java/ts throughput %.2fx; p50 at 1 in flight java %.2f ms vs ts %.2f ms%n",
              round, ratio, javaLow.p50Ms(), tsLow.p50Ms());
        }
        List<Double> sorted = ratios.stream().sorted().toList();
        int n = sorted.size();
        double median = (sorted.get((n - 1) / 2) + sorted.get(n / 2)) / 2;
        System.out.printf("%nratio java/ts throughput at %d in flight: median %.2fx (min %.2fx, max %.2fx over %d "
            + "rounds); goal >= 5x: %s%n", inFlight, median, sorted.get(0), sorted.get(n - 1), rounds,
            median >= 5 ? "met" : "missed");
      } finally {
        ts.destroy();
        ts.waitFor(20, TimeUnit.SECONDS);
        java.shutdown().get(60, TimeUnit.SECONDS);
      }
    }
    System.exit(0);
  }

  private static BenchLoad.Result measure(Hatchet client, String task, int total, int inFlight) throws Exception {
    String side = task.equals("simpletask") ? "java" : "ts";
    BenchLoad.Result r = BenchLoad.run(client, task, total, inFlight, side + " worker, " + inFlight + " in flight");
    System.out.println(r.line());
    return r;
  }

  /** Waits for the TypeScript worker to register, failing fast if node exits or it takes too long. */
  private static void awaitActive(DevEngine engine, Process ts, String name) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WORKER_START_SECONDS);
    Path log = NodeScript.TS.getParent().resolve("target").resolve("node-logs").resolve("bench-ts-worker.log");
    while (engine.scheduler().workers().stream()
        .noneMatch(w -> w.name().equals(name) && w.status().equals("ACTIVE"))) {
      if (!ts.isAlive()) {
        throw new IllegalStateException("the TypeScript worker exited with " + ts.exitValue() + " before registering; "
            + "see " + log);
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the TypeScript worker did not register within " + WORKER_START_SECONDS
            + " s; see " + log);
      }
      Thread.sleep(100);
    }
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (java.io.IOException | RuntimeException e) {
      return "n/a";
    }
  }
}
