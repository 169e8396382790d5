package io.hatchetoperator.examples.worker;

import io.hatchetoperator.worker.Hatchet;
import io.hatchetoperator.worker.NonRetryableException;
import io.hatchetoperator.worker.Worker;
import io.hatchetoperator.worker.WorkerOptions;
import io.hatchetoperator.worker.Workflow;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sample worker: Hatchet's documented {@code simpletask} workflow ({@code step1}), a standalone
 * {@code echo} task (its input plus {@code "echoed": true}) and a standalone {@code sleep} task
 * (sleeps {@code input.ms} milliseconds, returns {@code {"sleptMs": ms}}).
 */
public final class SampleWorker {
  /** The worker name when none is given. */
  public static final String DEFAULT_NAME = "sample-worker";

  private SampleWorker() {}

  /** The sample worker named {@value #DEFAULT_NAME} with {@code slots} slots. */
  public static Worker create(Hatchet hatchet, int slots) {
    return create(hatchet, DEFAULT_NAME, slots);
  }

  /** The sample worker with its name and slots; start it with {@code start()} or {@code startAsync()}. */
  public static Worker create(Hatchet hatchet, String name, int slots) {
    List<Workflow> workflows = workflows(hatchet);
    return hatchet.worker(name, WorkerOptions.slots(slots), workflows.toArray(Workflow[]::new));
  }

  /** The three declarations, for clients that trigger them. */
  public static List<Workflow> workflows(Hatchet hatchet) {
    Workflow simple = hatchet.workflow("simpletask")
        .task("step1", (input, ctx) -> Map.of("ok", true));
    Workflow echo = hatchet.task("echo", (input, ctx) -> {
      Map<String, Object> output = new LinkedHashMap<>(input);
      output.put("echoed", true);
      return output;
    });
    Workflow sleep = hatchet.task("sleep", (input, ctx) -> {
      long ms = sleepMillis(input.get("ms"));
      Thread.sleep(ms);
      return Map.of("sleptMs", ms);
    });
    return List.of(simple, echo, sleep);
  }

  private static long sleepMillis(Object ms) {
    if (ms instanceof Number n && n.doubleValue() >= 0 && n.doubleValue() <= Long.MAX_VALUE) {
      return n.longValue();
    }
    throw new NonRetryableException("input.ms = " + ms
        + " is not a number of milliseconds: trigger sleep with {\"ms\": 250}");
  }
}
