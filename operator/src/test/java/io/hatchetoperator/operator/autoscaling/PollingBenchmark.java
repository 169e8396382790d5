package io.hatchetoperator.operator.autoscaling;

import io.hatchetoperator.operator.engine.EngineToken;
import io.hatchetoperator.operator.engine.HatchetJson;
import io.hatchetoperator.operator.engine.HatchetStubServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Benchmark harness (not a test): the cost of one autoscaling tick for many pools of one tenant, with
 * one shared poller per tenant (ours) against one poller per pool (the per-ScaledObject polling of
 * KEDA-style scalers), against a local Hatchet-shaped server. Prints figures and the ratio.
 *
 * <p>Run: {@code mvn -B -q -pl operator test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.hatchetoperator.operator.autoscaling.PollingBenchmark -Dexec.args="50 10 100"}
 * (pools, workers per pool, measured ticks).
 */
public final class PollingBenchmark {

  private PollingBenchmark() {}

  /** Arguments: pools, workers per pool, measured ticks. */
  public static void main(String[] args) throws Exception {
    int pools = args.length > 0 ? Integer.parseInt(args[0]) : 50;
    int workersPerPool = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    int ticks = args.length > 2 ? Integer.parseInt(args[2]) : 100;
    try (HatchetStubServer server = new HatchetStubServer()) {
      List<String> rows = new ArrayList<>();
      StringBuilder stats = new StringBuilder("{");
      for (int p = 0; p < pools; p++) {
        for (int w = 0; w < workersPerPool; w++) {
          rows.add(HatchetJson.poolWorker("w-" + p + "-" + w, "pool-" + p, "pod-" + p + "-" + w,
              w % 3, 5));
        }
        stats.append(p == 0 ? "" : ",").append(HatchetJson.taskStat("task-" + p, p, 2, null));
      }
      String workers = HatchetJson.workerList(rows, 1, 1);
      String body = stats.append("}").toString();
      server.on("/api/v1/tenants/tenant-bench/task-stats", 200, body);
      server.on("/api/v1/tenants/tenant-bench/worker", 200, workers);
      System.out.printf(Locale.ROOT, "%d pools x %d workers, worker list %d KiB, %d ticks%n",
          pools, workersPerPool, workers.length() / 1024, ticks);
      double shared = run(server, pools, ticks, true);
      double perPool = run(server, pools, ticks, false);
      System.out.printf(Locale.ROOT, "ratio per-pool / shared: %.1fx time%n", perPool / shared);
    }
  }

  private static double run(HatchetStubServer server, int pools, int ticks, boolean shared) {
    MutableClock clock = new MutableClock(Instant.parse("2026-11-28T12:00:00Z"));
    try (EnginePollers pollers = EnginePollers.overRest(AutoscalingSettings.DEFAULTS, clock)) {
      for (int p = 0; p < pools; p++) {
        // per-pool polling: a distinct token (same tenant) per pool gives each pool its own poller
        EngineToken token = EngineToken.parse(shared ? token(0) : token(p));
        pollers.register("ns/pool-" + p, server.url(), token, Set.of("task-" + p),
            Duration.ofSeconds(2));
      }
      int before = server.requests().size();
      for (int i = 0; i < 10; i++) {
        tick(pollers, clock);
      }
      int warm = server.requests().size();
      long start = System.nanoTime();
      for (int i = 0; i < ticks; i++) {
        tick(pollers, clock);
      }
      double msPerTick = (System.nanoTime() - start) / 1e6 / ticks;
      double requestsPerTick = (server.requests().size() - warm) / (double) ticks;
      System.out.printf(Locale.ROOT, "%-9s pollers=%3d  requests/tick=%6.1f  ms/tick=%8.2f"
          + "  (warm-up requests %d)%n", shared ? "shared" : "per-pool", pollers.tenantCount(),
          requestsPerTick, msPerTick, warm - before);
      return msPerTick;
    }
  }

  private static String token(int id) {
    java.util.Base64.Encoder b64 = java.util.Base64.getUrlEncoder().withoutPadding();
    String claims = "{\"sub\":\"tenant-bench\",\"token_id\":\"t" + id + "\"}";
    return "eyJhbGciOiJFUzI1NiJ9." + b64.encodeToString(claims.getBytes(
        java.nio.charset.StandardCharsets.UTF_8)) + ".c2ln";
  }

  private static void tick(EnginePollers pollers, MutableClock clock) {
    clock.advance(Duration.ofSeconds(2));
    pollers.pollDueNow();
  }
}
