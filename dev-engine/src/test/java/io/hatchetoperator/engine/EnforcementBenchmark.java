package io.hatchetoperator.engine;

import io.hatchetoperator.engine.core.ActionSink;
import io.hatchetoperator.engine.core.EngineTimings;
import io.hatchetoperator.engine.core.Scheduler;
import io.hatchetoperator.engine.core.TaskEventKind;
import io.hatchetoperator.engine.core.TaskRun;
import io.hatchetoperator.engine.core.TriggerRequest;
import io.hatchetoperator.engine.core.WorkflowRegistry;
import io.hatchetoperator.proto.v1.Concurrency;
import io.hatchetoperator.proto.v1.ConcurrencyLimitStrategy;
import io.hatchetoperator.proto.v1.CreateTaskOpts;
import io.hatchetoperator.proto.v1.CreateTaskRateLimit;
import io.hatchetoperator.proto.v1.CreateWorkflowVersionRequest;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * What enforcing an option costs the core (no gRPC, one thread, measured in that thread's CPU time so the shared
 * machine's foreign load does not count): trigger, assign, STARTED, COMPLETED per task for a
 * plain task (the baseline, measured in the same run) and for tasks with a concurrency key (1,000 keys, one run per
 * key), a static rate limit and a dynamic per-user rate limit. Kinds alternate round by round (the machine's foreign load comes and goes); the median of 11 rounds is kept.
 *
 * <p>Run: {@code mvn -B -q -pl dev-engine test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.hatchetoperator.engine.EnforcementBenchmark}
 */
public final class EnforcementBenchmark {

  private EnforcementBenchmark() {}

  public static void main(String[] args) {
    Map<String, UnaryOperator<CreateTaskOpts.Builder>> kinds = new java.util.LinkedHashMap<>();
    kinds.put("plain (baseline)", t -> t);
    kinds.put("concurrency key", t -> t.addConcurrency(Concurrency.newBuilder().setExpression("input.group")
        .setMaxRuns(1).setLimitStrategy(ConcurrencyLimitStrategy.GROUP_ROUND_ROBIN)));
    kinds.put("static rate limit", t -> t.addRateLimits(CreateTaskRateLimit.newBuilder().setKey("api").setUnits(1)));
    kinds.put("dynamic rate limit", t -> t.addRateLimits(CreateTaskRateLimit.newBuilder().setKey("u")
        .setKeyExpr("'user:' + input.group").setUnits(1).setLimitValuesExpr("1000000000")));
    Map<String, List<Double>> rates = new java.util.LinkedHashMap<>();
    for (int round = 0; round < 12; round++) {
      for (var k : kinds.entrySet()) {
        double rate = run(k.getValue(), 50_000);
        if (round > 0) {
          rates.computeIfAbsent(k.getKey(), x -> new java.util.ArrayList<>()).add(rate);
        }
      }
    }
    Map<String, Double> median = new java.util.LinkedHashMap<>();
    rates.forEach((k, v) -> {
      List<Double> sorted = v.stream().sorted().toList();
      median.put(k, sorted.get(sorted.size() / 2));
    });
    double base = median.get("plain (baseline)");
    System.out.printf("core only, one thread, tasks per CPU-second of that thread, median of 11 interleaved rounds of 50,000 tasks (JVM %s, %d cores)%n",
        System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
    median.forEach((k, v) -> System.out.printf("%-20s %9.0f tasks/s   ratio to plain %.2f   (rounds %.0f..%.0f)%n", k, v,
        v / base, rates.get(k).stream().mapToDouble(d -> d).min().orElse(0),
        rates.get(k).stream().mapToDouble(d -> d).max().orElse(0)));
  }

  private static double run(UnaryOperator<CreateTaskOpts.Builder> kind, int total) {
    Scheduler s = new Scheduler(Clock.systemUTC(), EngineTimings.hatchet(), UUID.randomUUID().toString(),
        new WorkflowRegistry());
    s.registry().put(CreateWorkflowVersionRequest.newBuilder().setName("t")
        .addTasks(kind.apply(CreateTaskOpts.newBuilder().setReadableId("t").setAction("t:t"))).build());
    s.putRateLimit("api", Integer.MAX_VALUE, "SECOND");
    ArrayDeque<TaskRun> started = new ArrayDeque<>();
    String id = s.register("bench", List.of("t:t"), Map.of("default", 200), Map.of(), "JAVA");
    s.listen(id, new ActionSink() {
      @Override
      public void start(TaskRun task) {
        started.add(task);
      }

      @Override
      public void cancel(TaskRun task) {}

      @Override
      public void close() {}
    }, false);
    s.heartbeat(id);
    String[] inputs = new String[1000];
    for (int i = 0; i < inputs.length; i++) {
      inputs[i] = "{\"group\":\"g" + i + "\"}";
    }
    java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
    long t0 = cpu.getCurrentThreadCpuTime();
    for (int i = 0; i < total; i++) {
      if (i % 1000 == 0) {
        s.heartbeat(id);
      }
      s.trigger(TriggerRequest.of("t", inputs[i % inputs.length]));
      TaskRun t = started.poll();
      s.taskEvent(t.externalId(), TaskEventKind.STARTED, "", 0, false);
      s.taskEvent(t.externalId(), TaskEventKind.COMPLETED, "{}", 0, false);
    }
    return total / ((cpu.getCurrentThreadCpuTime() - t0) / 1e9);
  }
}
