package io.hatchetoperator.sandbox.report;

import io.hatchetoperator.sandbox.load.LedgerCounts;
import io.hatchetoperator.sandbox.view.Sample;
import java.util.List;

/** Computes a {@link RunReport} from what the run recorded; pure. */
public final class ReportBuilder {

  /** What a finished run recorded. */
  public record Recorded(String trace, LedgerCounts counts, List<Long> queueWaitsMs, long tasksKilled,
      long podMillis, List<ScaleEvent> events, List<Sample> samples, long firstBurstStartMs, int finalReplicas,
      long durationMs, List<PoolSummary> pools) {

    /** What a run of one pool recorded, before the pools' summaries are known. */
    public Recorded(String trace, LedgerCounts counts, List<Long> queueWaitsMs, long tasksKilled, long podMillis,
        List<ScaleEvent> events, List<Sample> samples, long firstBurstStartMs, int finalReplicas, long durationMs) {
      this(trace, counts, queueWaitsMs, tasksKilled, podMillis, events, samples, firstBurstStartMs, finalReplicas,
          durationMs, List.of());
    }
  }

  /** The report of {@code r}. */
  public static RunReport build(Recorded r) {
    long firstScaleUp = r.events().stream()
        .filter(e -> e.to() > e.from() && e.tMs() >= r.firstBurstStartMs())
        .mapToLong(e -> e.tMs() - r.firstBurstStartMs()).findFirst().orElse(-1);
    int maxReplicas = Math.max(r.finalReplicas(), Math.max(
        r.events().stream().mapToInt(ScaleEvent::to).max().orElse(0),
        r.samples().stream().mapToInt(Sample::desired).max().orElse(0)));
    return new RunReport(r.trace(), r.counts().submitted(), r.counts().completed(), r.counts().lost(),
        r.counts().duplicated(), r.tasksKilled(), Percentiles.of(r.queueWaitsMs(), 50),
        Percentiles.of(r.queueWaitsMs(), 95), Math.round(r.podMillis() / 100.0) / 10.0, firstScaleUp,
        maxReplicas, r.finalReplicas(), r.durationMs(), r.events().size(), r.pools());
  }

  private ReportBuilder() {}
}
