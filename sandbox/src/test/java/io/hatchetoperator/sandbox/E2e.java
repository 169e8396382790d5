package io.hatchetoperator.sandbox;

import io.hatchetoperator.sandbox.load.Trace;
import io.hatchetoperator.sandbox.load.TraceRow;
import io.hatchetoperator.sandbox.report.ScaleEvent;
import io.hatchetoperator.sandbox.view.PlainLiveView;
import io.hatchetoperator.sandbox.worker.WorkerFactory;
import io.hatchetoperator.examples.worker.SampleWorker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Shared pieces of the end-to-end tests: pools from test resources, the workers, traces, a started run. */
final class E2e {

  /** The pods' worker: the project's sample worker, as in the sandbox jar. */
  static final WorkerFactory WORKERS = SampleWorker::create;

  static PoolManifest pool(String name) throws Exception {
    try (var in = E2e.class.getResourceAsStream("/pools/" + name + ".yaml")) {
      return PoolManifest.parse(name + ".yaml", new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  static Sandbox start(String pool, Duration settleTimeout) throws Exception {
    SandboxSettings settings = SandboxSettings.defaults().withStartupDelay(Duration.ofSeconds(1))
        .withSettleTimeout(settleTimeout).withLive(false);
    return Sandbox.start(settings, pool(pool), WORKERS);
  }

  static SandboxRun run(Sandbox sandbox, Trace trace) {
    return SandboxRun.start(sandbox, trace, view());
  }

  static PlainLiveView view() {
    return new PlainLiveView(System.out);
  }

  /** {@code n} tasks arriving within {@code spreadMs} from {@code atMs}, each sleeping between min and max ms. */
  static List<TraceRow> burst(Random random, int n, long atMs, long spreadMs, long minMs, long maxMs) {
    List<TraceRow> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      rows.add(new TraceRow(atMs + random.nextLong(spreadMs), minMs + random.nextLong(maxMs - minMs + 1)));
    }
    return rows;
  }

  static Trace trace(String name, List<TraceRow> rows) {
    return new Trace(name, rows);
  }

  /** True when the replicas never went down and then up again within the events (no churn). */
  static boolean noDipThenRise(List<ScaleEvent> events) {
    boolean wentDown = false;
    for (ScaleEvent e : events) {
      if (e.to() < e.from()) {
        wentDown = true;
      } else if (wentDown) {
        return false;
      }
    }
    return true;
  }

  private E2e() {}
}
