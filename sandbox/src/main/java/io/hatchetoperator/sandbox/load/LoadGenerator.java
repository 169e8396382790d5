package io.hatchetoperator.sandbox.load;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays a trace: at each row's arrival time it triggers one {@code sleep} run through a
 * {@link TaskSubmitter} and records it, and later its result, in the {@link RunLedger}.
 */
public final class LoadGenerator implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(LoadGenerator.class);

  private final TaskSubmitter submitter;
  private final RunLedger ledger;
  private final int indexOffset;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "load-timer"));
  private final ExecutorService submitters = Executors.newFixedThreadPool(4, r -> daemon(r, "load-submit"));

  /** A generator submitting through {@code submitter} and recording in {@code ledger}. */
  public LoadGenerator(TaskSubmitter submitter, RunLedger ledger) {
    this(submitter, ledger, 0);
  }

  /**
   * A generator whose tasks are entered in {@code ledger} from index {@code indexOffset} on, so that several
   * generators (one per pool) can share one ledger.
   */
  public LoadGenerator(TaskSubmitter submitter, RunLedger ledger, int indexOffset) {
    this.submitter = submitter;
    this.ledger = ledger;
    this.indexOffset = indexOffset;
  }

  /** Schedules every row of {@code trace} relative to now; returns at once. */
  public void start(Trace trace) {
    List<TraceRow> rows = trace.rows();
    for (int i = 0; i < rows.size(); i++) {
      int index = indexOffset + i;
      TraceRow row = rows.get(i);
      timer.schedule(() -> submitters.execute(() -> submit(index, row)), row.arrivalMs(), TimeUnit.MILLISECONDS);
    }
    log.info("load: {} tasks from trace '{}' over {} s", rows.size(), trace.name(), trace.lastArrivalMs() / 1000);
  }

  private void submit(int index, TraceRow row) {
    ledger.submitted(index, row);
    try {
      TaskSubmitter.SubmittedRun run = submitter.submit(row.durationMs());
      ledger.triggered(index, run.runId());
      run.result().whenComplete((result, error) -> {
        if (error != null) {
          log.warn("run {} failed: {}", run.runId(), error.toString());
        }
        ledger.finished(index, error == null);
      });
    } catch (Exception e) {
      log.warn("task {} could not be triggered: {}", index, e.toString());
      ledger.finished(index, false);
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
    submitters.shutdownNow();
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }
}
