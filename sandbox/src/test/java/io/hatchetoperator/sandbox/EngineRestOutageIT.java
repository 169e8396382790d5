package io.hatchetoperator.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Condition;
import io.hatchetoperator.operator.api.HatchetWorkerPool;
import io.hatchetoperator.sandbox.load.TraceRow;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Scenario 5: the engine's REST API is down for 20 s; the pool holds its size, says why, then recovers. */
class EngineRestOutageIT {

  private static Optional<Condition> metricsCondition(Sandbox sandbox) {
    HatchetWorkerPool pool = sandbox.kubernetes().resources(HatchetWorkerPool.class).inNamespace("sandbox")
        .withName("burst").get();
    if (pool == null || pool.getStatus() == null) {
      return Optional.empty();
    }
    return pool.getStatus().getConditions().stream().filter(c -> c.getType().equals("MetricsAvailable")).findFirst();
  }

  @Test
  void holdsItsSizeWhileMetricsAreMissingAndRecovers() throws Exception {
    try (Sandbox sandbox = E2e.start("burst", Duration.ofSeconds(120))) {
      sandbox.awaitReady(1, Duration.ofSeconds(60));
      List<TraceRow> steady = LongStream.range(0, 300).mapToObj(i -> new TraceRow(i * 100, 2_000)).toList();
      try (SandboxRun run = E2e.run(sandbox, E2e.trace("steady", steady))) {
        await().atMost(Duration.ofSeconds(20)).until(() -> sandbox.pods().desiredReplicas("sandbox", "burst") > 1);
        Thread.sleep(3_000);
        sandbox.engine().setRestAvailable(false);
        await().atMost(Duration.ofSeconds(15)).until(() ->
            metricsCondition(sandbox).map(c -> c.getStatus().equals("False")).orElse(false));
        Condition down = metricsCondition(sandbox).orElseThrow();
        assertThat(down.getMessage()).as("the condition says why").isNotBlank();
        // Counted once the operator knows it is blind: a step decided from the last good poll may still land
        // between the outage's start and the condition (seen on a loaded machine), and that is not blind scaling.
        int held = sandbox.pods().desiredReplicas("sandbox", "burst");
        int changesBefore = sandbox.pods().replicaChanges().size();
        Thread.sleep(20_000 - 1_000);
        assertThat(sandbox.pods().replicaChanges()).as("no scaling while blind").hasSize(changesBefore);
        assertThat(sandbox.pods().desiredReplicas("sandbox", "burst")).isEqualTo(held);
        sandbox.engine().setRestAvailable(true);

        await().atMost(Duration.ofSeconds(20)).until(() ->
            metricsCondition(sandbox).map(c -> c.getStatus().equals("True")).orElse(false));
        assertThat(run.awaitSettled()).isTrue();
        var r = run.finish().report();
        assertThat(r.tasksLost()).isZero();
        assertThat(r.tasksKilled()).isZero();
        assertThat(r.finalReplicas()).isEqualTo(1);
      }
    }
  }
}
