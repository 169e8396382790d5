package io.hatchetoperator.sandbox.report;

import java.nio.file.Path;

/** The end-of-run summary as a user reads it: "none" where nothing happened instead of -1 ms or 0 ms. */
public final class SummaryText {

  private SummaryText() {}

  /** The summary of {@code r}; {@code html} is where the report went, or null when it could not be written. */
  public static String render(RunReport r, Path html) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format("tasks: %d submitted, %d completed, %d lost, %d duplicated, %d killed%n",
        r.tasksSubmitted(), r.tasksCompleted(), r.tasksLost(), r.tasksDuplicated(), r.tasksKilled()));
    String wait = r.tasksCompleted() == 0 ? "queue wait: none (no task completed)"
        : String.format("queue wait: p50 %d ms, p95 %d ms", r.queueWaitP50Ms(), r.queueWaitP95Ms());
    String scaleUp = r.firstScaleUpMs() < 0 ? "first scale-up: none (the pool never grew)"
        : String.format("first scale-up %d ms after the first burst", r.firstScaleUpMs());
    sb.append(wait).append("; ").append(scaleUp).append(System.lineSeparator());
    sb.append(String.format("replicas: max %d, final %d, %d scale event%s; %.1f pod-seconds%n", r.maxReplicas(),
        r.finalReplicas(), r.scaleEvents(), r.scaleEvents() == 1 ? "" : "s", r.podSeconds()));
    for (PoolSummary p : r.pools() == null ? java.util.List.<PoolSummary>of() : r.pools()) {
      sb.append(String.format("pool %s: replicas max %d, final %d; %d container restart%s%n", p.name(),
          p.maxReplicas(), p.finalReplicas(), p.restarts(), p.restarts() == 1 ? "" : "s"));
      for (PoolSummary.PoolCondition c : p.conditions()) {
        sb.append(String.format("  %s=%s %s%s%n", c.type(), c.status(), c.reason() == null ? "" : c.reason(),
            c.message() == null ? "" : ": " + c.message()));
      }
    }
    if (html != null) {
      sb.append("report: ").append(html.toAbsolutePath()).append(" and ")
          .append(html.resolveSibling("report.json").toAbsolutePath()).append(System.lineSeparator());
    }
    return sb.toString();
  }
}
