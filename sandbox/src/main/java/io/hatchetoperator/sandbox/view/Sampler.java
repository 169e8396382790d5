package io.hatchetoperator.sandbox.view;

import io.hatchetoperator.sandbox.cluster.ClusterSnapshot;
import io.hatchetoperator.sandbox.cluster.PodSimulator;
import io.hatchetoperator.sandbox.load.LedgerCounts;
import io.hatchetoperator.sandbox.load.RunLedger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Takes a {@link Sample} of one pool every interval, appends it to the timeline and shows it. */
public final class Sampler implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Sampler.class);

  private final PodSimulator pods;
  private final RunLedger ledger;
  private final String namespace;
  private final List<String> deployments;
  private final Timeline timeline;
  private final LiveView view;
  private final Clock clock;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "sampler");
    t.setDaemon(true);
    return t;
  });
  private Instant start;

  /** Samples the Deployment {@code namespace/deployment} run by {@code pods}, with the load of {@code ledger}. */
  public Sampler(PodSimulator pods, RunLedger ledger, String namespace, String deployment, Timeline timeline,
      LiveView view, Clock clock) {
    this(pods, ledger, namespace, List.of(deployment), timeline, view, clock);
  }

  /** Samples the sum of several Deployments of {@code namespace} (pools side by side). */
  public Sampler(PodSimulator pods, RunLedger ledger, String namespace, List<String> deployments, Timeline timeline,
      LiveView view, Clock clock) {
    this.pods = pods;
    this.ledger = ledger;
    this.namespace = namespace;
    this.deployments = List.copyOf(deployments);
    this.timeline = timeline;
    this.view = view;
    this.clock = clock;
  }

  /** Starts sampling every {@code interval}, counting time from {@code runStart}. */
  public void start(Instant runStart, Duration interval) {
    this.start = runStart;
    timer.scheduleAtFixedRate(this::sampleSafely, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Takes one sample now, records and shows it. */
  public Sample sample() {
    ClusterSnapshot pods = this.pods.snapshot();
    LedgerCounts counts = ledger.counts();
    int inFlight = ledger.inFlight();
    Sample s = new Sample(Duration.between(start, clock.instant()).toMillis(),
        Math.max(0, inFlight - pods.busySlots()), pods.busySlots(), pods.totalSlots(),
        deployments.stream().mapToInt(d -> Math.max(0, this.pods.desiredReplicas(namespace, d))).sum(), pods.ready(), pods.starting(),
        pods.draining(), counts.completed(), counts.submitted(), pods.outdated());
    timeline.add(s);
    view.show(s);
    return s;
  }

  private void sampleSafely() {
    try {
      sample();
    } catch (RuntimeException e) {
      log.warn("sample failed: {}", e.toString());
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
