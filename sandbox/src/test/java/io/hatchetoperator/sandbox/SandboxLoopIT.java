package io.hatchetoperator.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.hatchetoperator.sandbox.load.Trace;
import io.hatchetoperator.sandbox.load.TraceRow;
import io.hatchetoperator.sandbox.report.RunReport;
import io.hatchetoperator.sandbox.view.PlainLiveView;
import io.hatchetoperator.worker.WorkerOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The loop end to end: engine, mock API, operator, simulated pods with real workers, and a small load. */
class SandboxLoopIT {

  static PoolManifest pool(String name) throws Exception {
    try (var in = SandboxLoopIT.class.getResourceAsStream("/pools/" + name + ".yaml")) {
      return PoolManifest.parse(name + ".yaml", new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  @Test
  void poolComesUpAndRunsEveryTaskOnce() throws Exception {
    SandboxSettings settings = SandboxSettings.defaults().withStartupDelay(Duration.ofMillis(500))
        .withSettleTimeout(Duration.ofSeconds(20));
    try (Sandbox sandbox = Sandbox.start(settings, pool("burst"), (hatchet, slots) -> hatchet.worker("w",
        WorkerOptions.slots(slots), hatchet.task("sleep", (input, ctx) -> {
          Thread.sleep(((Number) input.get("ms")).longValue());
          return Map.of("ok", true);
        })))) {
      sandbox.awaitReady(1, Duration.ofSeconds(60));
      Trace trace = new Trace("small", List.of(new TraceRow(0, 100), new TraceRow(100, 100), new TraceRow(200, 100)));
      SandboxOutcome outcome;
      try (SandboxRun run = SandboxRun.start(sandbox, trace, new PlainLiveView(System.out))) {
        run.awaitSettled();
        outcome = run.finish();
      }
      RunReport r = outcome.report();
      assertThat(r.tasksSubmitted()).isEqualTo(3);
      assertThat(r.tasksCompleted()).isEqualTo(3);
      assertThat(r.tasksLost()).isZero();
      assertThat(r.tasksDuplicated()).isZero();
      assertThat(r.finalReplicas()).isEqualTo(1);
    }
  }
}
