package io.hatchetoperator.sandbox;

import io.hatchetoperator.sandbox.cluster.ClusterSnapshot;
import io.hatchetoperator.sandbox.load.LoadGenerator;
import io.hatchetoperator.sandbox.load.RunLedger;
import io.hatchetoperator.sandbox.load.Trace;
import io.hatchetoperator.sandbox.report.ReportBuilder;
import io.hatchetoperator.sandbox.report.RunReport;
import io.hatchetoperator.sandbox.report.ScaleEvent;
import io.hatchetoperator.sandbox.view.LiveView;
import io.hatchetoperator.sandbox.view.Sample;
import io.hatchetoperator.sandbox.view.Sampler;
import io.hatchetoperator.sandbox.view.Timeline;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One run of a trace against a started {@link Sandbox}: replays the load, samples the loop every second,
 * waits for every result and for the pool to return to its minimum, and computes the report.
 */
public final class SandboxRun implements AutoCloseable {

  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(SandboxRun.class);

  private final Sandbox sandbox;
  private final Trace trace;
  private final Clock clock = Clock.systemUTC();
  private final RunLedger ledger;
  private final Timeline timeline = new Timeline();
  private final Sampler sampler;
  private final List<LoadGenerator> loads = new ArrayList<>();
  private final List<String> tasks;
  private final Instant start;

  private SandboxRun(Sandbox sandbox, Trace trace, LiveView view, List<String> tasks) {
    this.sandbox = sandbox;
    this.trace = trace;
    this.tasks = List.copyOf(tasks);
    this.ledger = new RunLedger(clock);
    sandbox.completions().attach(ledger::executed);
    this.sampler = new Sampler(sandbox.pods(), ledger, sandbox.settings().namespace(),
        sandbox.pools().stream().map(PoolManifest::name).toList(), timeline, view, clock);
    for (int i = 0; i < tasks.size(); i++) {
      loads.add(new LoadGenerator(new HatchetTaskSubmitter(sandbox.client(), tasks.get(i)), ledger,
          i * trace.rows().size()));
    }
    this.start = clock.instant();
    sampler.start(start, sandbox.settings().sampleInterval());
    loads.forEach(load -> load.start(trace));
  }

  /** Starts replaying {@code trace} now, triggering the sample worker's {@code sleep}; returns at once. */
  public static SandboxRun start(Sandbox sandbox, Trace trace, LiveView view) {
    return new SandboxRun(sandbox, trace, view, List.of(HatchetTaskSubmitter.TASK));
  }

  /**
   * Starts replaying {@code trace} once per entry of {@code tasks} (one per pool, side by side), each row
   * triggering that task with input {@code {"ms": duration}}; returns at once.
   */
  public static SandboxRun start(Sandbox sandbox, Trace trace, LiveView view, List<String> tasks) {
    if (tasks.isEmpty()) {
      throw new IllegalArgumentException("--task: no task to trigger; name one");
    }
    return new SandboxRun(sandbox, trace, view, tasks);
  }

  /**
   * Ships a new release of the first pool's workers {@code at} into the run: its pod template changes
   * ({@link TemplateChange}) and the Deployment rolls its pods while the load goes on.
   */
  public void changeTemplateAt(Duration at) {
    Thread timer = new Thread(() -> {
      try {
        Thread.sleep(Math.max(0, at.toMillis() - elapsed().toMillis()));
        int revision = TemplateChange.nextRevision(sandbox.kubernetes(), sandbox.settings().namespace(),
            sandbox.pool().name());
        log.info("pool {}: pod template changed to revision {} ({}={}): rolling update", sandbox.pool().name(),
            revision, TemplateChange.ENV, revision);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (RuntimeException e) {
        log.warn("pool {}: the template change failed: {}", sandbox.pool().name(), e.toString());
      }
    }, "template-change");
    timer.setDaemon(true);
    timer.start();
  }

  /** Time since the run started. */
  public Duration elapsed() {
    return Duration.between(start, clock.instant());
  }

  /** The ledger of this run (submitted, completed, lost). */
  public RunLedger ledger() {
    return ledger;
  }

  /** The samples so far. */
  public List<Sample> samples() {
    return timeline.samples();
  }

  /**
   * Waits for the last arrival, then until every result is in and the pool is back at its minimum with no
   * pod starting or draining, or until the settle timeout; returns true when it settled.
   */
  public boolean awaitSettled() throws InterruptedException {
    Instant arrivalsDone = start.plusMillis(trace.lastArrivalMs());
    Instant deadline = arrivalsDone.plus(sandbox.settings().settleTimeout());
    while (clock.instant().isBefore(arrivalsDone)) {
      Thread.sleep(100);
    }
    while (clock.instant().isBefore(deadline)) {
      if (settled()) {
        return true;
      }
      Thread.sleep(250);
    }
    return settled();
  }

  /** True when no result is outstanding and the pool runs exactly its minimum, nothing starting or draining. */
  public boolean settled() {
    ClusterSnapshot pods = sandbox.pods().snapshot();
    int desired = sandbox.pods().desiredReplicas(sandbox.settings().namespace(), sandbox.pool().name());
    String ns = sandbox.settings().namespace();
    int desiredAll = 0;
    for (PoolManifest pool : sandbox.pools()) {
      int d = sandbox.pods().desiredReplicas(ns, pool.name());
      if (d != pool.minReplicas()) {
        return false;
      }
      desiredAll += d;
    }
    return desired >= 0 && ledger.counts().submitted() == trace.rows().size() * tasks.size()
        && ledger.inFlight() == 0 && pods.ready() == desiredAll && pods.starting() == 0 && pods.draining() == 0;
  }

  /** Stops sampling and load, and computes the report. */
  public SandboxOutcome finish() {
    sampler.sample();
    close();
    String ns = sandbox.settings().namespace();
    List<ScaleEvent> events = sandbox.pods().replicaChanges().stream()
        .filter(c -> c.namespace().equals(ns) && c.deployment().equals(sandbox.pool().name())
            && !c.at().isBefore(start))
        .map(c -> new ScaleEvent(Duration.between(start, c.at()).toMillis(), c.from(), c.to())).toList();
    ClusterSnapshot pods = sandbox.pods().snapshot();
    List<Sample> samples = timeline.samples();
    RunReport report = ReportBuilder.build(new ReportBuilder.Recorded(trace.name(), ledger.counts(),
        ledger.queueWaitsMs(), pods.tasksKilled(), pods.podMillis(), events, samples, trace.firstBurstStartMs(),
        Math.max(0, sandbox.pods().desiredReplicas(ns, sandbox.pool().name())), elapsed().toMillis(),
        PoolSummaries.of(sandbox, start)));
    return new SandboxOutcome(report, samples, events);
  }

  @Override
  public void close() {
    sampler.close();
    loads.forEach(LoadGenerator::close);
  }
}
