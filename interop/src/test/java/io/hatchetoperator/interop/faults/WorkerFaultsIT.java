package io.hatchetoperator.interop.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hatchetoperator.engine.core.WorkerView;
import io.hatchetoperator.examples.worker.SampleWorker;
import io.hatchetoperator.worker.Hatchet;
import io.hatchetoperator.worker.RunResult;
import io.hatchetoperator.worker.Worker;
import io.hatchetoperator.worker.WorkerState;
import io.hatchetoperator.worker.client.EngineChannels;
import io.hatchetoperator.worker.health.WorkerMetrics.Outcome;
import io.hatchetoperator.worker.runtime.WorkerRuntime;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worker runtime's delivery goal against the dev engine: 0 runs lost and 0 duplicate completions across a
 * SIGTERM with a short drain, an engine taken off the network and brought back, dropped heartbeats, and a retry
 * arriving while the previous attempt winds down. Durations are system properties ({@code faults.outageSeconds},
 * {@code faults.heartbeatDropSeconds}, {@code faults.reassignAfterSeconds}); the suite runs short ones, and
 * docs/benchmarks-worker-runtime.md records a run with a 2-minute outage, 60 s of dropped heartbeats and
 * Hatchet's 30 s reassignment.
 */
class WorkerFaultsIT {
  static final int OUTAGE_SECONDS = Integer.getInteger("faults.outageSeconds", 6);
  static final int DROP_SECONDS = Integer.getInteger("faults.heartbeatDropSeconds", 2 * FaultFixture.REASSIGN_SECONDS);
  static final int TASK_SECONDS = Integer.getInteger("faults.taskSeconds", 8);
  static final Path JAR = Path.of("..", "examples", "worker", "target", "sample-worker.jar");

  private FaultFixture f;

  @AfterEach
  void close() {
    if (f != null) {
      f.close();
    }
  }

  private List<CompletableFuture<RunResult>> trigger(String task, int runs, long ms) {
    return trigger(task, runs, Map.of("ms", ms));
  }

  private List<CompletableFuture<RunResult>> trigger(String task, int runs, Map<String, Object> input) {
    List<CompletableFuture<RunResult>> results = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      results.add(f.client.client().run(task, input));
    }
    return results;
  }

  private long completed(List<CompletableFuture<RunResult>> runs, Duration within) {
    long end = System.nanoTime() + within.toNanos();
    long ok = 0;
    for (CompletableFuture<RunResult> run : runs) {
      try {
        run.get(Math.max(1, end - System.nanoTime()), TimeUnit.NANOSECONDS);
        ok++;
      } catch (Exception e) {
        System.out.println("run not completed: " + e);
      }
    }
    return ok;
  }

  private int used(String workerName) {
    return f.engine.scheduler().workers().stream().filter(w -> w.name().equals(workerName))
        .mapToInt(w -> w.slotsUsed().getOrDefault("default", 0)).sum();
  }

  private void assertNothingLostOrDuplicated(String scenario, int runs, long completed) {
    String report = f.report(scenario, runs, completed);
    System.out.println("RESULT " + report);
    assertThat(completed).as(report).isEqualTo(runs);
    assertThat(f.engine.scheduler().counters().succeeded()).as(report).isEqualTo(runs);
    assertThat(f.engine.scheduler().counters().failed()).as(report).isZero();
    assertThat(f.engine.scheduler().counters().retried()).as("no task retry used: " + report).isZero();
  }

  @Test
  void sigtermWithATwoSecondDrainHandsLongTasksBackToTheIdleWorker(@TempDir Path dir) throws Exception {
    // the sample worker jar heartbeats every 4 s as Hatchet's SDKs do: Hatchet's 5 s silence limit
    f = new FaultFixture(Math.max(10, FaultFixture.REASSIGN_SECONDS), 5);
    Path log = dir.resolve("worker.log");
    ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", JAR.toString()).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().putAll(f.env(env -> {
      env.put("HATCHET_WORKER_DRAIN_TIMEOUT", "2s");
      env.put("HATCHET_WORKER_NAME", "stopping-worker");
      env.put("HATCHET_WORKER_SLOTS", "4");
      return env;
    }));
    Process stopping = pb.start();
    try {
      await().atMost(Duration.ofSeconds(60)).until(() -> f.engine.scheduler().workers().stream()
          .map(WorkerView::name).anyMatch("stopping-worker"::equals));
      Hatchet idleHatchet = Hatchet.builder().env(f.env(env -> env)).timing(f.timing()).build();
      List<CompletableFuture<RunResult>> runs = trigger("sleep", 4, TASK_SECONDS * 1000L);
      await().atMost(Duration.ofSeconds(30)).until(() -> used("stopping-worker") == 4);
      Worker idle = SampleWorker.create(idleHatchet, "idle-worker", 4);
      idle.startAsync().get(30, TimeUnit.SECONDS);

      stopping.destroy();
      assertThat(stopping.waitFor(30, TimeUnit.SECONDS)).isTrue();
      String output = Files.readString(log, StandardCharsets.UTF_8);
      assertThat(stopping.exitValue()).as(output).isZero();
      assertThat(output).contains("handing them back");

      long completed = completed(runs, Duration.ofSeconds(f.reassignSeconds() + TASK_SECONDS + 60));
      idle.kill();
      idleHatchet.close();
      assertNothingLostOrDuplicated("SIGTERM with a 2 s drain, four " + TASK_SECONDS + " s tasks", 4, completed);
      assertThat(f.engine.scheduler().counters().reassigned()).isEqualTo(4);
    } finally {
      stopping.destroyForcibly();
    }
  }

  @Test
  void anEngineOffTheNetworkAndBackLosesNothing() throws Exception {
    f = new FaultFixture();
    try (TcpOutage outage = new TcpOutage("127.0.0.1", f.engine.grpcPort())) {
      Map<String, String> env = f.env(e -> {
        e.put("HATCHET_CLIENT_HOST_PORT", "127.0.0.1:" + outage.port());
        return e;
      });
      Worker a = f.worker("outage-a", 4, env, EngineChannels::open);
      Worker b = f.worker("outage-b", 4, env, EngineChannels::open);
      List<CompletableFuture<RunResult>> runs = trigger("hold", 16, 2_000);
      await().until(() -> used("outage-a") + used("outage-b") == 8);

      outage.cut();
      Thread.sleep(OUTAGE_SECONDS * 1000L);
      assertThat(List.of(a.state(), b.state())).as("waiting the outage out").doesNotContain(WorkerState.GAVE_UP);
      assertThat(a.isReady() || b.isReady()).isFalse();
      outage.restore();

      long completed = completed(runs, Duration.ofSeconds(90));
      assertNothingLostOrDuplicated("engine off the network for " + OUTAGE_SECONDS + " s", 16, completed);
    }
  }

  @Test
  void heartbeatsDroppedPastTheReassignmentHaveTheTasksRunElsewhereAndCompletedOnce() throws Exception {
    f = new FaultFixture();
    HeartbeatBlackhole[] channel = new HeartbeatBlackhole[1];
    Worker deaf = f.worker("deaf", 3, f.env(e -> e), s -> channel[0] = new HeartbeatBlackhole(EngineChannels.open(s)));
    List<CompletableFuture<RunResult>> runs = trigger("hold", 3, (DROP_SECONDS + 3) * 1000L);
    await().until(() -> used("deaf") == 3);
    f.worker("healthy", 3);

    channel[0].dropping = true;
    await().atMost(Duration.ofSeconds(DROP_SECONDS)).until(() -> !deaf.isReady());
    Thread.sleep(DROP_SECONDS * 1000L);
    channel[0].dropping = false;
    await().atMost(Duration.ofSeconds(30)).until(deaf::isReady);

    long completed = completed(runs, Duration.ofSeconds(DROP_SECONDS + 60));
    assertNothingLostOrDuplicated("heartbeats dropped for " + DROP_SECONDS + " s", 3, completed);
    assertThat(f.engine.scheduler().counters().reassigned()).isEqualTo(3);
  }

  @Test
  void aRetryArrivingWhileThePreviousAttemptWindsDownRunsAndCompletesOnce() throws Exception {
    f = new FaultFixture();
    HeartbeatBlackhole[] channel = new HeartbeatBlackhole[1];
    Worker only = f.worker("only", 4, f.env(e -> e), s -> channel[0] = new HeartbeatBlackhole(EngineChannels.open(s)));
    long taskMs = (FaultFixture.REASSIGN_SECONDS * 2L + 6) * 1000L;
    List<CompletableFuture<RunResult>> runs = trigger("hold", 2, Map.of("ms", taskMs, "retryMs", 1000));
    await().until(() -> used("only") == 2);

    channel[0].dropping = true;
    await().atMost(Duration.ofSeconds(FaultFixture.REASSIGN_SECONDS + 30))
        .until(() -> f.engine.scheduler().counters().reassigned() == 2);
    channel[0].dropping = false;

    await().atMost(Duration.ofSeconds(30))
        .until(() -> ((WorkerRuntime) only).metrics().tasks(Outcome.SUPERSEDED) == 2);
    long completed = completed(runs, Duration.ofSeconds(60));
    for (CompletableFuture<RunResult> run : runs) {
      assertThat(run.get().output("hold", Map.class)).containsEntry("attempt", 1);
    }
    assertNothingLostOrDuplicated("retry arriving while the old attempt winds down", 2, completed);
  }
}
