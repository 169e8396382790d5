package io.hatchetoperator.worker.bench;

import io.grpc.ManagedChannel;
import io.grpc.stub.StreamObserver;
import io.hatchetoperator.proto.dispatcher.AssignedAction;
import io.hatchetoperator.proto.dispatcher.StepActionEvent;
import io.hatchetoperator.proto.dispatcher.StepActionEventType;
import io.hatchetoperator.proto.dispatcher.WorkerListenRequest;
import io.hatchetoperator.proto.dispatcher.WorkerRegisterRequest;
import io.hatchetoperator.worker.Hatchet;
import io.hatchetoperator.worker.Worker;
import io.hatchetoperator.worker.WorkerOptions;
import io.hatchetoperator.worker.client.EngineStubs;
import io.hatchetoperator.worker.testing.TestingEngine;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The runtime's own overhead per task, against the in-process fake engine: the engine assigns no-op
 * tasks keeping at most 100 in flight (slots = 100) and times each from sending the assignment to
 * receiving its COMPLETED. The baseline, measured in the same run, is a bare gRPC client doing the
 * same wire work (ListenV2, then STARTED and COMPLETED per task) with no runtime around it.
 *
 * <p>Run: {@code mvn -B -q -pl worker-runtime test-compile exec:java [-Dexec.args="tasks warmup"]}.
 */
public final class RuntimeOverheadBenchmark {
  private static final int SLOTS = 100;

  /** One measured series. */
  record Figures(String name, int tasks, double seconds, long[] latencyNanos) {
    double tasksPerSecond() {
      return tasks / seconds;
    }

    double percentileMillis(double p) {
      long[] sorted = latencyNanos.clone();
      Arrays.sort(sorted);
      return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] / 1e6;
    }
  }

  private RuntimeOverheadBenchmark() {}

  public static void main(String[] args) throws Exception {
    int tasks = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 5_000;
    System.out.printf("no-op tasks, slots = %d, %d measured after %d warm-up, %d cores, %s%n",
        SLOTS, tasks, warmup, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
    Figures baseline = null;
    Figures runtime = null;
    for (int round = 0; round < 2; round++) {
      baseline = measureBaseline(warmup, tasks);
      runtime = measureRuntime(warmup, tasks);
    }
    print(baseline);
    print(runtime);
    System.out.printf("ratio runtime/baseline: throughput %.2fx, p50 %.2fx, p99 %.2fx%n",
        runtime.tasksPerSecond() / baseline.tasksPerSecond(),
        runtime.percentileMillis(0.50) / baseline.percentileMillis(0.50),
        runtime.percentileMillis(0.99) / baseline.percentileMillis(0.99));
    System.exit(0);
  }

  private static void print(Figures f) {
    System.out.printf("%-34s %8.0f tasks/s   p50 %7.3f ms   p99 %7.3f ms%n", f.name(),
        f.tasksPerSecond(), f.percentileMillis(0.50), f.percentileMillis(0.99));
  }

  private static Figures measureRuntime(int warmup, int tasks) throws Exception {
    try (TestingEngine engine = new TestingEngine()) {
      engine.dispatcher.recordEvents = false;
      Hatchet hatchet = engine.hatchet().timing(io.hatchetoperator.worker.config.HatchetSettings.TimingSettings.defaults()).build();
      Worker worker = hatchet.worker("bench", WorkerOptions.slots(SLOTS), hatchet.task("noop", (in, ctx) -> null));
      worker.startAsync().get(30, TimeUnit.SECONDS);
      awaitListening(engine);
      drive(engine, "warm-up", warmup);
      Figures figures = drive(engine, "Java runtime (full worker)", tasks);
      worker.kill();
      return figures;
    }
  }

  private static Figures measureBaseline(int warmup, int tasks) throws Exception {
    try (TestingEngine engine = new TestingEngine()) {
      engine.dispatcher.recordEvents = false;
      Hatchet hatchet = engine.hatchet().build();
      ManagedChannel channel = engine.channels().open(hatchet.settings());
      EngineStubs stubs = new EngineStubs(channel, hatchet.settings().token());
      String workerId = stubs.dispatcherBlocking().register(WorkerRegisterRequest.newBuilder()
          .setWorkerName("baseline").addActions("noop:noop").putSlotConfig("default", SLOTS).build()).getWorkerId();
      stubs.dispatcher().listenV2(WorkerListenRequest.newBuilder().setWorkerId(workerId).build(),
          new StreamObserver<>() {
            @Override
            public void onNext(AssignedAction action) {
              send(stubs, action, workerId, StepActionEventType.STEP_EVENT_TYPE_STARTED, () ->
                  send(stubs, action, workerId, StepActionEventType.STEP_EVENT_TYPE_COMPLETED, () -> { }));
            }

            @Override
            public void onError(Throwable t) { }

            @Override
            public void onCompleted() { }
          });
      awaitListening(engine);
      drive(engine, "warm-up", warmup);
      Figures figures = drive(engine, "baseline (bare gRPC, same calls)", tasks);
      channel.shutdownNow();
      return figures;
    }
  }

  private static void send(EngineStubs stubs, AssignedAction action, String workerId,
      StepActionEventType type, Runnable then) {
    StepActionEvent event = StepActionEvent.newBuilder().setWorkerId(workerId)
        .setTaskRunExternalId(action.getTaskRunExternalId()).setActionId(action.getActionId())
        .setEventType(type).setEventPayload("").build();
    var call = stubs.dispatcherFuture().sendStepActionEvent(event);
    call.addListener(then, Runnable::run);
  }

  private static void awaitListening(TestingEngine engine) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!engine.dispatcher.listening() && System.nanoTime() < end) {
      Thread.sleep(5);
    }
  }

  /** Assigns {@code tasks} no-op tasks with at most {@link #SLOTS} in flight; times each to COMPLETED. */
  private static Figures drive(TestingEngine engine, String name, int tasks) throws InterruptedException {
    Semaphore free = new Semaphore(SLOTS);
    Map<String, Long> sentAt = new ConcurrentHashMap<>();
    long[] latency = new long[tasks];
    AtomicInteger done = new AtomicInteger();
    CountDownLatch finished = new CountDownLatch(1);
    engine.dispatcher.onEvent = event -> {
      if (event.getEventType() == StepActionEventType.STEP_EVENT_TYPE_COMPLETED) {
        Long sent = sentAt.remove(event.getTaskRunExternalId());
        if (sent != null) {
          int i = done.getAndIncrement();
          latency[i] = System.nanoTime() - sent;
          free.release();
          if (i == tasks - 1) {
            finished.countDown();
          }
        }
      }
    };
    long start = System.nanoTime();
    for (int i = 0; i < tasks; i++) {
      free.acquire();
      String taskRunId = UUID.randomUUID().toString();
      sentAt.put(taskRunId, System.nanoTime());
      engine.dispatcher.assign("noop:noop", "{\"input\":{},\"parents\":{}}", "run-" + i, taskRunId);
    }
    if (!finished.await(120, TimeUnit.SECONDS)) {
      throw new IllegalStateException(name + ": only " + done.get() + " of " + tasks + " completed");
    }
    return new Figures(name, tasks, (System.nanoTime() - start) / 1e9, latency);
  }
}
