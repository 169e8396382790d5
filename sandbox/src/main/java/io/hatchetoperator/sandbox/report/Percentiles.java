package io.hatchetoperator.sandbox.report;

import java.util.List;

/** Nearest-rank percentiles of a list of values. */
public final class Percentiles {

  /** The {@code p}-th percentile (0 < p <= 100) of {@code values} by nearest rank; 0 for no values. */
  public static long of(List<Long> values, double p) {
    if (values.isEmpty()) {
      return 0;
    }
    long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  private Percentiles() {}
}
