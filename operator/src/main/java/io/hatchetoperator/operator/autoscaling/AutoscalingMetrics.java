package io.hatchetoperator.operator.autoscaling;

import io.hatchetoperator.autoscaler.ScalingInputs;
import io.hatchetoperator.autoscaler.orchestrator.TickResult;
import io.hatchetoperator.operator.metrics.OperatorMetrics;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Prometheus metrics of autoscaling, under the operator's prefix: per pool the engine's figures at the last poll
 * (queued tasks, busy and total slots, oldest queued age), the bounds, cordoned workers, blocked scale-downs, and
 * decisions by reason (counted once per decision, not per tick) and scale events; per engine tenant the poll
 * latency and failures. Also a {@link EnginePollers.PollListener} that records every poll.
 */
public final class AutoscalingMetrics implements EnginePollers.PollListener {

  private static final String P = OperatorMetrics.PREFIX;
  private static final String[] POOL = {"namespace", "pool"};

  private final Gauge queued = poolGauge(P + "pool_queued_tasks", "Queued runs of the pool's tasks at the last poll");
  private final Gauge running = poolGauge(P + "pool_running_tasks", "Running runs of the pool's tasks at the last poll");
  private final Gauge busySlots = poolGauge(P + "pool_busy_slots", "Slots of the pool's workers running a task");
  private final Gauge slots = poolGauge(P + "pool_slots", "Slots of the pool's ready pods (ready pods x spec.slots)");
  private final Gauge oldestQueued = poolGauge(P + "pool_oldest_queued_age_seconds",
      "Age of the oldest queued run of the pool's tasks (0 when nothing is queued)");
  private final Gauge maxReplicas = poolGauge(P + "pool_max_replicas", "spec.autoscaling.maxReplicas");
  private final Gauge minReplicas = poolGauge(P + "pool_min_replicas", "spec.autoscaling.minReplicas");
  private final Gauge metricsAvailable = poolGauge(P + "pool_metrics_available",
      "1 when the last tick could read the engine's figures for the pool, 0 when it held the count without them");
  private final Gauge cordoned = poolGauge(P + "pool_cordoned_workers",
      "Workers paused in the engine ahead of a scale-down and not yet removed");
  private final Gauge blocked = poolGauge(P + "pool_scale_down_blocked",
      "1 while fewer pods are wanted but no worker can be removed yet (busy workers or unmatched pods)");
  private final Gauge unmatched = poolGauge(P + "pool_unmatched_pods",
      "Ready pods whose worker the operator cannot match to them (scale-down holds while there are any,"
          + " unless spec.autoscaling.scaleDown.unmatchedWorkers is Terminate)");
  private final Counter decisions;
  private final Counter scaleEvents;
  private final Counter blockedTotal;
  private final Histogram pollSeconds;
  private final Counter pollFailures;
  private final Map<String, String> lastDecision = new ConcurrentHashMap<>();
  private final Map<String, Boolean> lastBlocked = new ConcurrentHashMap<>();

  /** What one tick of one pool produced, as the metrics need it. */
  public record Tick(String pool, int currentReplicas, int desiredReplicas, int minReplicas, int maxReplicas,
      TickResult result, ScalingInputs inputs) {
  }

  /** Registers the metrics in {@code registry}. */
  public AutoscalingMetrics(PrometheusRegistry registry) {
    for (Gauge g : List.of(queued, running, busySlots, slots, oldestQueued, maxReplicas, minReplicas,
        metricsAvailable, cordoned, blocked, unmatched)) {
      registry.register(g);
    }
    decisions = Counter.builder().name(P + "decisions_total")
        .help("Scaling decisions by reason; a decision is counted when its reason or replica count changes")
        .labelNames("namespace", "pool", "reason").register(registry);
    scaleEvents = Counter.builder().name(P + "scale_events_total")
        .help("Changes of the pool's replica count by direction (up, down)")
        .labelNames("namespace", "pool", "direction").register(registry);
    blockedTotal = Counter.builder().name(P + "scale_downs_blocked_total")
        .help("Times a due scale-down started waiting because no worker could be removed")
        .labelNames(POOL).register(registry);
    pollSeconds = Histogram.builder().name(P + "poll_duration_seconds")
        .help("Time to poll one engine tenant (task stats and worker list)")
        .labelNames("tenant").classicUpperBounds(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)
        .register(registry);
    pollFailures = Counter.builder().name(P + "poll_failures_total")
        .help("Failed polls of an engine tenant by reason").labelNames("tenant", "reason")
        .register(registry);
  }

  private static Gauge poolGauge(String name, String help) {
    return Gauge.builder().name(name).help(help).labelNames(POOL).build();
  }

  @Override
  public void polled(TenantSnapshot snapshot, Set<String> pools) {
    String tenant = snapshot.tenant().label();
    pollSeconds.labelValues(tenant).observe(snapshot.latency().toNanos() / 1e9);
    snapshot.error().ifPresent(e -> pollFailures.labelValues(tenant, e.reason()).inc());
  }

  /** Records one tick; {@code tick.inputs()} is null when metrics were unavailable. */
  public void recordTick(Tick tick) {
    String ns = PoolKeys.namespace(tick.pool());
    String name = PoolKeys.name(tick.pool());
    TickResult result = tick.result();
    String reason = result.decision().reason().name();
    if (!(reason + "/" + tick.desiredReplicas()).equals(lastDecision.put(tick.pool(),
        reason + "/" + tick.desiredReplicas()))) {
      decisions.labelValues(ns, name, reason).inc();
    }
    if (tick.desiredReplicas() != tick.currentReplicas()) {
      scaleEvents.labelValues(ns, name, tick.desiredReplicas() > tick.currentReplicas() ? "up" : "down").inc();
    }
    boolean nowBlocked = result.scaleDownBlocked() || result.heldForUnmatched() > 0;
    if (nowBlocked && !Boolean.TRUE.equals(lastBlocked.put(tick.pool(), true))) {
      blockedTotal.labelValues(ns, name).inc();
    } else if (!nowBlocked) {
      lastBlocked.put(tick.pool(), false);
    }
    blocked.labelValues(ns, name).set(nowBlocked ? 1 : 0);
    cordoned.labelValues(ns, name).set(result.cordoned().size());
    metricsAvailable.labelValues(ns, name).set(result.metricsAvailable() ? 1 : 0);
    minReplicas.labelValues(ns, name).set(tick.minReplicas());
    maxReplicas.labelValues(ns, name).set(tick.maxReplicas());
    ScalingInputs in = tick.inputs();
    if (in != null) {
      queued.labelValues(ns, name).set(in.queued());
      running.labelValues(ns, name).set(in.running());
      busySlots.labelValues(ns, name).set(in.busySlots());
      slots.labelValues(ns, name).set(in.readyCapacity());
      oldestQueued.labelValues(ns, name).set(in.oldestQueuedAge().toMillis() / 1000.0);
      unmatched.labelValues(ns, name).set(in.unmatchedReadyPods().size());
    }
  }

  /** Drops the series of a deleted pool. */
  public void forget(String pool) {
    String ns = PoolKeys.namespace(pool);
    String name = PoolKeys.name(pool);
    for (Gauge gauge : List.of(queued, running, busySlots, slots, oldestQueued, maxReplicas, minReplicas,
        metricsAvailable, cordoned, blocked, unmatched)) {
      gauge.remove(ns, name);
    }
    for (Counter counter : List.of(decisions, scaleEvents, blockedTotal)) {
      counter.removeIf(labels -> labels.get(0).equals(ns) && labels.get(1).equals(name));
    }
    lastDecision.remove(pool);
    lastBlocked.remove(pool);
  }
}
