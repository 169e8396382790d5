package io.hatchetoperator.sandbox.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The sandbox's default load, 40 s of arrivals then quiet so the pool shrinks again: a trickle, a burst
 * of 300 tasks at 5 s, a steadier stretch, a second burst of 200 at 28 s, a tail until 40 s. Seeded, so
 * every run submits the same tasks.
 */
public final class BuiltInScenario {

  /** The trace's name in reports. */
  public static final String NAME = "built-in";

  /** The scenario's tasks. */
  public static Trace trace() {
    Random random = new Random(7);
    List<TraceRow> rows = new ArrayList<>();
    trickle(rows, random, 0, 5_000, 1, 300, 700);
    burst(rows, random, 5_000, 3_000, 300, 1_000, 3_000);
    trickle(rows, random, 8_000, 28_000, 2, 500, 1_500);
    burst(rows, random, 28_000, 2_000, 200, 1_000, 4_000);
    trickle(rows, random, 30_000, 40_000, 1, 300, 1_000);
    return new Trace(NAME, rows);
  }

  private static void trickle(List<TraceRow> rows, Random random, long from, long to, int perSecond,
      long minMs, long maxMs) {
    long step = 1_000 / perSecond;
    for (long t = from; t < to; t += step) {
      rows.add(new TraceRow(t, minMs + random.nextLong(maxMs - minMs + 1)));
    }
  }

  private static void burst(List<TraceRow> rows, Random random, long from, long spreadMs, int tasks,
      long minMs, long maxMs) {
    for (int i = 0; i < tasks; i++) {
      rows.add(new TraceRow(from + random.nextLong(spreadMs), minMs + random.nextLong(maxMs - minMs + 1)));
    }
  }

  private BuiltInScenario() {}
}
