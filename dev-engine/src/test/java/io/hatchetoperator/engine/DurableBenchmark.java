package io.hatchetoperator.engine;

import io.hatchetoperator.engine.core.ActionSink;
import io.hatchetoperator.engine.core.DurableCondition;
import io.hatchetoperator.engine.core.DurableSink;
import io.hatchetoperator.engine.core.EngineTimings;
import io.hatchetoperator.engine.core.Scheduler;
import io.hatchetoperator.engine.core.TaskEventKind;
import io.hatchetoperator.engine.core.TaskRun;
import io.hatchetoperator.engine.core.TriggerRequest;
import io.hatchetoperator.engine.core.WorkflowRegistry;
import io.hatchetoperator.proto.v1.BaseMatchCondition;
import io.hatchetoperator.proto.v1.CreateTaskOpts;
import io.hatchetoperator.proto.v1.CreateWorkflowVersionRequest;
import io.hatchetoperator.proto.v1.DurableEventListenerConditions;
import io.hatchetoperator.proto.v1.UserEventMatchCondition;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What a durable task costs the core (no gRPC, one thread, that thread's CPU time): trigger, assign, STARTED,
 * COMPLETED of a plain task (the baseline, same run) against a durable task that also records a waitForEvent (a key
 * and a CEL expression) and is completed by a pushed event, with no other wait held and with 10,000 waits of other
 * keys held (events look only at their own key's waits). Kinds alternate round by round; the median of 11 is kept.
 *
 * <p>Run: {@code mvn -B -q -pl dev-engine test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.hatchetoperator.engine.DurableBenchmark}
 */
public final class DurableBenchmark {

  private static final int TASKS = 20_000;

  private DurableBenchmark() {}

  public static void main(String[] args) {
    Map<String, Integer> kinds = new LinkedHashMap<>();
    kinds.put("plain (baseline)", -1);
    kinds.put("durable + waitForEvent", 0);
    kinds.put("same, 10,000 held", 10_000);
    Map<String, List<Double>> rates = new LinkedHashMap<>();
    for (int round = 0; round < 12; round++) {
      for (var k : kinds.entrySet()) {
        double rate = run(k.getValue());
        if (round > 0) {
          rates.computeIfAbsent(k.getKey(), x -> new ArrayList<>()).add(rate);
        }
      }
    }
    Map<String, Double> median = new LinkedHashMap<>();
    rates.forEach((k, v) -> median.put(k, v.stream().sorted().toList().get(v.size() / 2)));
    double base = median.get("plain (baseline)");
    System.out.printf("core only, one thread, tasks per CPU-second of that thread, median of 11 interleaved rounds"
        + " of %,d tasks (JVM %s, %d cores)%n", TASKS, System.getProperty("java.version"),
        Runtime.getRuntime().availableProcessors());
    median.forEach((k, v) -> System.out.printf("%-24s %9.0f tasks/s   ratio to plain %.2f   (rounds %.0f..%.0f)%n",
        k, v, v / base, rates.get(k).stream().mapToDouble(d -> d).min().orElse(0),
        rates.get(k).stream().mapToDouble(d -> d).max().orElse(0)));
  }

  private static List<DurableCondition> waitFor(String key) {
    return DurableCondition.parse("bench", DurableEventListenerConditions.newBuilder().addUserEventConditions(
        UserEventMatchCondition.newBuilder().setUserEventKey(key).setBase(BaseMatchCondition.newBuilder()
            .setOrGroupId("11111111-1111-1111-1111-111111111111").setReadableDataKey(key)
            .setExpression("input.n > 0"))).build(), true);
  }

  /** Tasks per CPU-second; {@code held} < 0 runs plain tasks, else durable ones with that many other waits held. */
  private static double run(int held) {
    Scheduler s = new Scheduler(Clock.systemUTC(), EngineTimings.hatchet(), UUID.randomUUID().toString(),
        new WorkflowRegistry());
    s.registry().put(CreateWorkflowVersionRequest.newBuilder().setName("t").addTasks(CreateTaskOpts.newBuilder()
        .setReadableId("t").setAction("t:t").setIsDurable(held >= 0)).build());
    ArrayDeque<TaskRun> started = new ArrayDeque<>();
    String id = s.register("bench", List.of("t:t"), Map.of("default", 20_000, "durable", 20_000), Map.of(), "JAVA");
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
    int[] completed = new int[1];
    DurableSink sink = new CountingSink(completed);
    for (int i = 0; i < Math.max(0, held); i++) {
      s.trigger(TriggerRequest.of("t", "{}"));
      s.durable().waitFor(started.poll().externalId(), 1, waitFor("held-" + i), sink);
    }
    List<List<DurableCondition>> conditions = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      conditions.add(waitFor("k" + i));
    }
    java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
    long t0 = cpu.getCurrentThreadCpuTime();
    for (int i = 0; i < TASKS; i++) {
      if (i % 1000 == 0) {
        s.heartbeat(id);
      }
      s.trigger(TriggerRequest.of("t", "{}"));
      TaskRun t = started.poll();
      s.taskEvent(t.externalId(), TaskEventKind.STARTED, "", 0, false);
      if (held >= 0) {
        s.durable().waitFor(t.externalId(), 1, conditions.get(i % 1000), sink);
        s.durable().eventPushed("k" + (i % 1000), null, "{\"n\":1}");
      }
      s.taskEvent(t.externalId(), TaskEventKind.COMPLETED, "{}", 0, false);
    }
    double rate = TASKS / ((cpu.getCurrentThreadCpuTime() - t0) / 1e9);
    if (held >= 0 && completed[0] != TASKS) {
      throw new IllegalStateException("expected " + TASKS + " entry_completed, got " + completed[0]);
    }
    return rate;
  }

  /** Counts entry_completed; ignores the acks. */
  private record CountingSink(int[] completed) implements DurableSink {
    @Override
    public void waitForAck(String taskId, int invocation, long branchId, long nodeId) {}

    @Override
    public void memoAck(String taskId, int invocation, long branchId, long nodeId, boolean existed, String result) {}

    @Override
    public void runsAck(String taskId, int invocation, List<RunRef> runs) {}

    @Override
    public void entryCompleted(String taskId, int invocation, long branchId, long nodeId, String payload,
        boolean failure, String error) {
      completed[0]++;
    }

    @Override
    public void nonDeterminism(String taskId, int invocation, long branchId, long nodeId, String message) {
      throw new IllegalStateException(message);
    }

    @Override
    public void refused(String taskId, int invocation, String message) {
      throw new IllegalStateException(message);
    }

    @Override
    public void serverEvict(String taskId, int invocation, String reason) {
      throw new IllegalStateException(reason);
    }

    @Override
    public void evictionAck(String taskId, int invocation) {}
  }
}
