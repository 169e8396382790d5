package io.hatchetoperator.worker.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.hatchetoperator.worker.RunHandle;
import io.hatchetoperator.worker.TaskFailedException;
import io.hatchetoperator.worker.TaskOptions;
import io.hatchetoperator.worker.TaskRef;
import io.hatchetoperator.worker.WorkerOptions;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Async task bodies, an injected executor, and execution timeouts on the engine's clock. */
@ExtendWith(DevEngineExtension.class)
class ExecutionModelTest {
  record In(int n) {}
  record Out(int n, String thread) {}

  @Test
  void anAsyncTaskCompletesWithItsFutureAndFailsWithItsCause(HatchetTestEngine env) {
    ExecutorService io = Executors.newSingleThreadExecutor(r -> new Thread(r, "io-pool"));
    TaskRef<In, Out> async = env.hatchet().asyncTask("async", TaskOptions.DEFAULTS, In.class, Out.class,
        (in, ctx) -> in.n() < 0
            ? CompletableFuture.failedFuture(new ArithmeticException("negative " + in.n()))
            : CompletableFuture.supplyAsync(() -> new Out(in.n() * 2, Thread.currentThread().getName()), io));
    env.startWorker("async", 4, async);

    assertThat(async.run(new In(21))).isEqualTo(new Out(42, "io-pool"));
    assertThatThrownBy(() -> async.run(new In(-1))).isInstanceOfSatisfying(TaskFailedException.class, e -> {
      assertThat(e.errorType()).isEqualTo("java.lang.ArithmeticException");
      assertThat(e.errorMessage()).isEqualTo("negative -1");
    });
    io.shutdownNow();
  }

  @Test
  void taskBodiesRunOnTheInjectedExecutorWhichTheWorkerDoesNotShutDown(HatchetTestEngine env) {
    ExecutorService mine = Executors.newFixedThreadPool(2, r -> new Thread(r, "mine"));
    TaskRef<In, Out> where = env.hatchet().task("where", In.class, Out.class,
        (in, ctx) -> new Out(in.n(), Thread.currentThread().getName()));
    env.startWorker(env.hatchet(), "injected", WorkerOptions.builder().slots(2).taskExecutor(mine).build(), where);

    assertThat(where.run(new In(1)).thread()).isEqualTo("mine");
    env.killWorkers();
    assertThat(mine.isShutdown()).isFalse();
    mine.shutdownNow();
  }

  @Test
  void taskLogLinesReachTheEngineWithTheirLevels(HatchetTestEngine env) throws Exception {
    AtomicReference<String> taskRunId = new AtomicReference<>();
    TaskRef<In, Out> chatty = env.hatchet().task("chatty", In.class, Out.class, (in, ctx) -> {
      taskRunId.set(ctx.taskRunExternalId());
      ctx.log("starting " + in.n());
      ctx.log(io.hatchetoperator.worker.Context.LogLevel.WARN, "almost out of quota");
      return new Out(in.n(), "");
    });
    env.startWorker("chatty", 2, chatty);
    chatty.run(new In(7));

    java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
    java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(
        env.engine().serverUrl() + "/api/v1/stable/tasks/" + taskRunId.get() + "/logs"))
        .header("Authorization", "Bearer " + env.engine().token()).build();
    await().atMost(Duration.ofSeconds(10)).until(() -> http.send(request,
        java.net.http.HttpResponse.BodyHandlers.ofString()).body().contains("almost out of quota"));
    String body = http.send(request, java.net.http.HttpResponse.BodyHandlers.ofString()).body();
    assertThat(body).contains("\"message\":\"starting 7\"").contains("\"level\":\"WARN\"")
        .contains("\"level\":\"INFO\"");
  }

  @Test
  void chunksATaskStreamsReachTheRunsSubscriberInOrder(HatchetTestEngine env) throws Exception {
    CountDownLatch subscribed = new CountDownLatch(1);
    TaskRef<In, Out> talker = env.hatchet().task("talker", In.class, Out.class, (in, ctx) -> {
      while (!subscribed.await(10, TimeUnit.MILLISECONDS)) {
        ctx.putStream("ping"); // chunks are not replayed: ping until the subscriber hears one
      }
      for (int i = 0; i < in.n(); i++) {
        ctx.putStream("chunk-" + i);
      }
      return new Out(in.n(), "");
    });
    env.startWorker("talker", 2, talker);
    java.util.List<String> chunks = new java.util.concurrent.CopyOnWriteArrayList<>();

    RunHandle<Out> run = talker.runNoWait(new In(5));
    try (AutoCloseable stream = run.stream(chunk -> {
      if (chunk.equals("ping")) {
        subscribed.countDown();
      } else {
        chunks.add(chunk);
      }
    })) {
      run.result();
      await().atMost(Duration.ofSeconds(10)).until(() -> chunks.size() == 5);
    }
    assertThat(chunks).containsExactly("chunk-0", "chunk-1", "chunk-2", "chunk-3", "chunk-4");
  }

  @Test
  void anExecutionTimeoutOnTheEnginesClockCancelsTheAttemptAndFailsTheRun(HatchetTestEngine env) throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    AtomicBoolean sawCancel = new AtomicBoolean();
    TaskRef<In, Out> slow = env.hatchet().task("slow-timeout",
        TaskOptions.builder().executionTimeout(Duration.ofMinutes(10)).build(), In.class, Out.class, (in, ctx) -> {
          started.countDown();
          try {
            while (!ctx.isCancelled()) {
              Thread.sleep(5);
            }
          } catch (InterruptedException e) {
            // the runtime interrupts the task's thread when the engine cancels the attempt
          }
          sawCancel.set(ctx.isCancelled());
          return new Out(in.n(), "late");
        });
    env.startWorker("timeouts", 2, slow);
    RunHandle<Out> run = slow.runNoWait(new In(3));
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

    env.advance(Duration.ofMinutes(10).plusSeconds(1));

    assertThatThrownBy(run::result).isInstanceOfSatisfying(TaskFailedException.class,
        e -> assertThat(e.errorMessage()).contains("exceeded its timeout of 10m"));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!sawCancel.get() && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(sawCancel).as("the task saw its cancellation").isTrue();
  }
}
