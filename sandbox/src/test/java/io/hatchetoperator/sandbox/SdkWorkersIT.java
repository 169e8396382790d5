package io.hatchetoperator.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.hatchetoperator.sandbox.cluster.PodDeletion;
import io.hatchetoperator.sandbox.cluster.ReplicaChange;
import io.hatchetoperator.sandbox.load.Trace;
import io.hatchetoperator.sandbox.load.TraceRow;
import io.hatchetoperator.sandbox.report.PoolSummary;
import io.hatchetoperator.sandbox.report.RunReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real workers of the official SDKs as pod processes (the TypeScript SDK of interop/ts, the Python SDK in
 * examples/python-worker/target/venv, the Go SDK built into examples/go-worker/target), autoscaled by the real
 * operator. Two runs share their set-up across pools side by side, each pool getting the same load: a burst of
 * 40 one-second tasks plus two 45 s tasks (longer than the engine's 30 s reassignment, so a pod removed while
 * busy would show as a duplicate or a kill).
 */
class SdkWorkersIT {

  private static final long LONG_MS = 45_000;
  private static final Path ROOT = ProjectRoot.find();

  @BeforeAll
  static void sdkWorkersAreBuilt() {
    for (String built : List.of("interop/ts/node_modules/@hatchet-dev/typescript-sdk/package.json",
        "examples/python-worker/target/venv/bin/python", "examples/go-worker/target/go-worker")) {
      assertThat(Files.exists(ROOT.resolve(built))).as(built + " is built by `mvn verify` (interop's npm ci, the "
          + "examples/python-worker and examples/go-worker modules); run it from the project root first").isTrue();
    }
  }

  /** Per pool: 40 tasks of 1 s within a second, and two 45 s tasks, all from t = 1 s. */
  private static Trace load() {
    List<TraceRow> rows = new ArrayList<>(E2e.burst(new Random(7), 40, 1_000, 1_000, 1_000, 1_000));
    rows.add(new TraceRow(1_000, LONG_MS));
    rows.add(new TraceRow(1_100, LONG_MS));
    return E2e.trace("sdk-burst-and-long", rows);
  }

  private static Sandbox start(List<String> pools) throws Exception {
    List<PoolManifest> manifests = new ArrayList<>();
    for (String p : pools) {
      manifests.add(E2e.pool(p));
    }
    SandboxSettings settings = SandboxSettings.defaults().withStartupDelay(Duration.ofSeconds(1)).withLive(false)
        .withReportDir(Path.of("target", "sdk-workers-it"));
    return Sandbox.start(settings, manifests, E2e.WORKERS);
  }

  /** Waits for every result and for each of {@code shrinking} to be back at 1 replica. */
  private static void awaitDone(Sandbox sandbox, SandboxRun run, int tasks, List<String> shrinking)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(150));
    while (Instant.now().isBefore(deadline)) {
      boolean shrunk = shrinking.stream().allMatch(p -> sandbox.pods().desiredReplicas("sandbox", p) == 1
          && sandbox.pods().livePods("sandbox", p).size() == 1);
      if (run.ledger().counts().submitted() == tasks && run.ledger().inFlight() == 0 && shrunk) {
        return;
      }
      Thread.sleep(500);
    }
  }

  private static PoolSummary pool(RunReport r, String name) {
    return r.pools().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
  }

  /** The pool grew, shrank while its 45 s tasks still ran (before they could end), removed only idle pods. */
  private static void assertGrewThenShrankRemovingOnlyIdlePods(Sandbox sandbox, Instant runStart, RunReport r,
      String name) {
    assertThat(pool(r, name).maxReplicas()).as(name + " grew").isGreaterThan(1);
    Instant longTasksEnd = runStart.plusMillis(1_000 + LONG_MS);
    List<ReplicaChange> downs = sandbox.pods().replicaChanges().stream()
        .filter(c -> c.deployment().equals(name) && c.to() < c.from()).toList();
    assertThat(downs).as(name + " shrank while its long tasks still ran")
        .anyMatch(c -> c.at().isBefore(longTasksEnd));
    List<PodDeletion> removed = sandbox.pods().deletions().stream().filter(d -> d.deployment().equals(name)).toList();
    assertThat(removed).as(name + ": only idle pods removed").isNotEmpty()
        .allMatch(d -> d.runningTasks() == 0);
    assertThat(pool(r, name).restarts()).as(name + " restarts").isZero();
  }

  private static void assertEveryTaskOnceNoneKilled(RunReport r, int tasks) {
    assertThat(r.tasksSubmitted()).isEqualTo(tasks);
    assertThat(r.tasksCompleted()).isEqualTo(tasks);
    assertThat(r.tasksLost()).isZero();
    assertThat(r.tasksDuplicated()).isZero();
    assertThat(r.tasksKilled()).isZero();
  }

  @Test
  void typescriptWithAndWithoutTheLabelsSnippetBesideAJavaPool() throws Exception {
    List<String> pools = List.of("sdk-ts", "sdk-ts-unlabelled", "sdk-java");
    List<String> tasks = List.of("ts-sleep", "ts-sleep-unlabelled", "sleep");
    Trace trace = load();
    try (Sandbox sandbox = start(pools)) {
      sandbox.awaitReady(3, Duration.ofSeconds(90));
      sandbox.awaitWorkflows(tasks, Duration.ofSeconds(60));
      Instant runStart = Instant.now();
      try (SandboxRun run = SandboxRun.start(sandbox, trace, E2e.view(), tasks)) {
        int total = trace.rows().size() * tasks.size();
        awaitDone(sandbox, run, total, List.of("sdk-ts", "sdk-java"));
        RunReport r = run.finish().report();
        assertEveryTaskOnceNoneKilled(r, total);
        assertGrewThenShrankRemovingOnlyIdlePods(sandbox, runStart, r, "sdk-ts");

        PoolSummary unlabelled = pool(r, "sdk-ts-unlabelled");
        assertThat(unlabelled.condition("WorkersMatched")).as("the operator says it cannot match the workers")
            .isNotNull().satisfies(c -> {
              assertThat(c.status()).isEqualTo("False");
              assertThat(c.reason()).isEqualTo("PresetLabelsMissing");
            });
        assertThat(sandbox.pods().deletions()).as("no busy pod of the unlabelled pool removed")
            .filteredOn(d -> d.deployment().equals("sdk-ts-unlabelled")).allMatch(d -> d.runningTasks() == 0);
        assertThat(unlabelled.restarts()).isZero();
        assertThat(pool(r, "sdk-java").maxReplicas()).as("the Java pool scaled beside them").isGreaterThan(1);
      }
    }
  }

  @Test
  void pythonAndGoBurstAndShrinkAndCapacityFromTheSlotsAWorkerReports() throws Exception {
    List<String> pools = List.of("sdk-python", "sdk-go", "sdk-go-wide");
    List<String> tasks = List.of("py-sleep", "go-sleep", "go-sleep-wide");
    Trace trace = load();
    try (Sandbox sandbox = start(pools)) {
      sandbox.awaitReady(3, Duration.ofSeconds(90));
      sandbox.awaitWorkflows(tasks, Duration.ofSeconds(60));
      Instant runStart = Instant.now();
      try (SandboxRun run = SandboxRun.start(sandbox, trace, E2e.view(), tasks)) {
        int total = trace.rows().size() * tasks.size();
        awaitDone(sandbox, run, total, List.of("sdk-python", "sdk-go", "sdk-go-wide"));
        RunReport r = run.finish().report();
        assertEveryTaskOnceNoneKilled(r, total);
        assertGrewThenShrankRemovingOnlyIdlePods(sandbox, runStart, r, "sdk-python");
        assertGrewThenShrankRemovingOnlyIdlePods(sandbox, runStart, r, "sdk-go");

        PoolSummary wide = pool(r, "sdk-go-wide");
        assertThat(wide.condition("SlotsMatched")).as("the operator warns that workers register 20, not 5")
            .isNotNull().satisfies(c -> {
              assertThat(c.status()).isEqualTo("False");
              assertThat(c.reason()).isEqualTo("SlotsDifferFromSpec");
              assertThat(c.message()).contains("20");
            });
        assertThat(wide.condition("MetricsAvailable").message()).as("capacity counts the 20 reported slots")
            .containsPattern("\\d+/20 slots busy on 1 workers");
      }
    }
  }
}
