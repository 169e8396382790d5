package io.hatchetoperator.sandbox.load;

import java.util.Comparator;
import java.util.List;

/** A named list of task arrivals, sorted by arrival time. */
public record Trace(String name, List<TraceRow> rows) {

  /** Tasks arriving within this window count as one burst. */
  public static final long BURST_WINDOW_MS = 1_000;
  /** A window with at least this many arrivals is a burst. */
  public static final int BURST_MIN_TASKS = 20;

  /** Sorts the rows by arrival. */
  public Trace {
    rows = rows.stream().sorted(Comparator.comparingLong(TraceRow::arrivalMs)).toList();
  }

  /** Arrival of the last task, in ms from the start; 0 for an empty trace. */
  public long lastArrivalMs() {
    return rows.isEmpty() ? 0 : rows.get(rows.size() - 1).arrivalMs();
  }

  /**
   * The arrival (ms) of the first task of the first burst: the first task that opens a
   * {@value #BURST_WINDOW_MS} ms window holding at least {@value #BURST_MIN_TASKS} arrivals; the first task
   * of the trace when no window is that busy.
   */
  public long firstBurstStartMs() {
    int j = 0;
    for (int i = 0; i < rows.size(); i++) {
      long start = rows.get(i).arrivalMs();
      while (j < rows.size() && rows.get(j).arrivalMs() < start + BURST_WINDOW_MS) {
        j++;
      }
      if (j - i >= BURST_MIN_TASKS) {
        return start;
      }
    }
    return rows.isEmpty() ? 0 : rows.get(0).arrivalMs();
  }
}
