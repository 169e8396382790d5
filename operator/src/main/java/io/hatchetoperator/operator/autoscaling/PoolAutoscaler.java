package io.hatchetoperator.operator.autoscaling;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.hatchetoperator.autoscaler.Cordon;
import io.hatchetoperator.autoscaler.PoolScalingSettings;
import io.hatchetoperator.autoscaler.ScalingInputs;
import io.hatchetoperator.autoscaler.UnmatchedWorkers;
import io.hatchetoperator.autoscaler.orchestrator.MetricsReading;
import io.hatchetoperator.autoscaler.orchestrator.ScalingOrchestrator;
import io.hatchetoperator.autoscaler.orchestrator.ScalingPorts;
import io.hatchetoperator.autoscaler.orchestrator.TickResult;
import io.hatchetoperator.operator.api.HatchetWorkerPool;
import io.hatchetoperator.operator.api.HatchetWorkerPoolStatus;
import io.hatchetoperator.operator.autoscaling.AutoscalingOutcome.ConditionValue;
import io.hatchetoperator.operator.engine.EngineToken;
import io.hatchetoperator.operator.reconciler.EngineConnection;
import io.hatchetoperator.operator.reconciler.ScalingStep;
import java.time.Duration;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The autoscaling step of the reconciler, and the one place where the operator's autoscaling is wired:
 * the tenant pollers, the Kubernetes adapters of the autoscaler's ports, the orchestrator, metrics.
 *
 * <p>Call {@link #reconcile} inside the pool's reconcile, before the Deployment is rendered from the
 * returned {@code desiredReplicas}. It runs one orchestrator tick per new poll of the pool's tenant
 * (never twice on the same figures, so a cordoned worker is confirmed idle by a poll taken after it was
 * paused); between polls it returns the last outcome. Reconciles of one pool must not overlap.
 */
public final class PoolAutoscaler implements ScalingStep, AutoCloseable {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PoolAutoscaler.class);

  private final Clock clock;
  private final EnginePollers pollers;
  private final EngineMetricsSource source;
  private final KubernetesScalingRealizer realizer;
  private final AnnotationScalingStateStore states;
  private final KubernetesEventSink events;
  private final AutoscalingMetrics metrics;
  private final ScalingOrchestrator orchestrator;
  private final KubernetesPoolAccess cluster;
  private final BackgroundWrites writes;
  private final PodCache pods;
  private final ManualScaleNotice manualScale;
  private final UnmatchedWorkersNotice unmatched = new UnmatchedWorkersNotice();
  private final TransitionWarnings warnings;
  private final Map<String, Instant> lastTick = new ConcurrentHashMap<>();
  private final Map<String, AutoscalingOutcome> last = new ConcurrentHashMap<>();
  private final Map<String, Instant> lastStepped = new ConcurrentHashMap<>();
  private final Duration poolExpiry;
  private static final int MAX_TOKENS = 256;
  private final Map<String, EngineToken> tokens = new ConcurrentHashMap<>();

  /** Wires autoscaling over {@code pollers}, writing through {@code client}. */
  public PoolAutoscaler(KubernetesClient client, EnginePollers pollers,
      AutoscalingSettings settings, Clock clock, PrometheusRegistry registry) {
    this.clock = clock;
    this.pollers = pollers;
    this.source = new EngineMetricsSource(pollers, clock);
    this.realizer = new KubernetesScalingRealizer(client, pollers, source);
    this.states = new AnnotationScalingStateStore(clock, settings.statePersistInterval());
    this.cluster = new KubernetesPoolAccess(client);
    this.writes = new BackgroundWrites();
    this.events = new KubernetesEventSink(client, writes::submit);
    this.metrics = new AutoscalingMetrics(registry);
    this.orchestrator = new ScalingOrchestrator(new ScalingPorts(source, realizer, states, events));
    this.pods = new PodCache(client);
    this.manualScale = new ManualScaleNotice(events, clock);
    this.warnings = new TransitionWarnings(events);
    this.poolExpiry = settings.poolExpiry();
    pollers.addListener(metrics);
    pollers.addListener((snapshot, pools) -> expireStale());
  }

  /** Autoscaling over Hatchet's REST API with the system clock. */
  public static PoolAutoscaler overRest(KubernetesClient client, AutoscalingSettings settings,
      PrometheusRegistry registry) {
    Clock clock = Clock.systemUTC();
    return new PoolAutoscaler(client, EnginePollers.overRest(settings, clock), settings, clock,
        registry);
  }

  /** Calls {@code poolPolled} with each pool key after its tenant's poll (to trigger a reconcile). */
  public void onPoll(Consumer<String> poolPolled) {
    pollers.addListener((snapshot, pools) -> pools.forEach(poolPolled));
  }

  /** Starts the background pollers. */
  public void start() {
    pollers.start();
  }

  /** Stops the background pollers, then writes what is still queued (up to 5 s). */
  @Override
  public void close() {
    pollers.close();
    pods.close();
    writes.close();
  }

  /** {@link ScalingStep}: nothing is written from the moment {@code mayWrite} is false (the Lease was lost). */
  @Override
  public void gate(java.util.function.BooleanSupplier mayWrite) {
    writes.gate(mayWrite);
  }

  /** Waits until the Events and state writes queued so far were sent (tests). */
  public void awaitWrites() {
    writes.awaitIdle();
  }

  /** {@link ScalingStep}: {@link #step} with the token the reconciler read from the pool's Secret. */
  @Override
  public Optional<Duration> apply(HatchetWorkerPool pool, HatchetWorkerPoolStatus status,
      EngineConnection engine) {
    return Optional.of(step(pool, status, engine.token()).recheckAfter());
  }

  /**
   * The reconciler's entry: one autoscaling step for {@code pool} (which has {@code spec.autoscaling}):
   * lists its pods, decides, and applies the outcome to {@code status} (desiredReplicas, figures, lastDecision,
   * conditions). Its Events are written on a background thread, so the reconcile does not wait for them.
   *
   * @param status the status the reconciler is about to publish
   * @param token the API token from the pool's Secret
   */
  public AutoscalingOutcome step(HatchetWorkerPool pool, HatchetWorkerPoolStatus status,
      String token) {
    AutoscalingOutcome outcome = reconcile(pool, token, pods.pods(pool));
    PoolStatusFields.apply(status, outcome, clock.instant(), pool.getMetadata().getGeneration());
    return outcome;
  }

  /**
   * One autoscaling step for {@code pool} (which has {@code spec.autoscaling}).
   *
   * @param token the API token from the pool's Secret
   * @param pods the pool's pods, as listed now
   */
  public AutoscalingOutcome reconcile(HatchetWorkerPool pool, String token, List<Pod> pods) {
    String key = PoolKeys.of(pool);
    lastStepped.put(key, clock.instant());
    int current = PoolViews.currentReplicas(pool);
    PoolScalingSettings settings;
    try {
      settings = PoolSettingsMapper.from(pool);
    } catch (IllegalArgumentException e) {
      return withoutDecision(key, Outcomes.held(current, ConditionValue.unknown("InvalidSettings",
          "no decision: " + e.getMessage()), ConditionValue.yes("InvalidSettings", e.getMessage()),
          null));
    }
    EngineToken parsed;
    URI apiUrl;
    try {
      parsed = parse(token);
      apiUrl = PoolViews.apiUrl(pool, parsed);
    } catch (IllegalArgumentException e) {
      pollers.unregister(key);
      return withoutDecision(key, Outcomes.held(current, ConditionValue.no("EngineNotConfigured",
          e.getMessage()), ConditionValue.no("WithinLimits", "no decision yet"), settings));
    }
    pollers.register(key, apiUrl, parsed, PoolViews.tasks(pool), settings.pollInterval());
    events.bind(key, pool);
    states.restore(key, PoolViews.annotation(pool, AnnotationScalingStateStore.ANNOTATION));
    manualScale.check(key, pool, current);
    PoolView view = PoolViews.of(key, pool, current, pods);
    source.view(view);
    Optional<TenantSnapshot> snapshot = pollers.latest(key);
    Instant previous = lastTick.get(key);
    if (snapshot.isEmpty()
        || (previous != null && !snapshot.get().polledAt().isAfter(previous))) {
      AutoscalingOutcome known = last.get(key);
      return known != null ? known.withoutState()
          : Outcomes.held(current, ConditionValue.unknown("WaitingForFirstPoll",
              "waiting for the first poll of tenant " + parsed.tenantId() + " at " + apiUrl)
              .ifAbsent(), ConditionValue.no("WithinLimits", "no decision yet").ifAbsent(),
              settings);
    }
    events.begin(key);
    TickResult tick = null;
    try {
      tick = orchestrator.tick(key, settings);
    } finally {
      events.flush(key, tick); // the tick's cordons, scale and blocks as one Event
    }
    lastTick.put(key, clock.instant());
    int desired = realizer.takeReplicas(key).orElse(tick.replicas());
    MetricsReading reading = source.read(key);
    Map<String, ConditionValue> workerConditions = new LinkedHashMap<>();
    if (reading.available()) {
      ScalingInputs in = reading.inputs();
      if (desired < current) {
        realizer.protectBusy(key, in.workers());
        if (settings.unmatchedWorkers() == UnmatchedWorkers.HOLD) {
          realizer.protectUnmatched(key, in.unmatchedReadyPods(), in.slotsPerWorker());
        }
      }
      String runtime = pool.getSpec().effectiveRuntime().specValue();
      putIfKnown(workerConditions, WorkerMatching.WORKERS_MATCHED,
          unmatched.check(key, in, settings, WorkerMatching.fix(runtime)));
      putIfKnown(workerConditions, SlotReport.SLOTS_MATCHED,
          SlotReport.condition(pool.getSpec().slots(), in.workers(), SlotReport.hint(runtime)));
      workerConditions.forEach((type, value) -> warnings.report(key, pool, type, value, in.now()));
    }
    metrics.recordTick(new AutoscalingMetrics.Tick(key, current, desired, settings.minReplicas(),
        settings.maxReplicas(), tick, reading.inputs()));
    Instant scaledAt = desired != current ? clock.instant() : null;
    return remember(key, Outcomes.ticked(desired, tick, reading, snapshot.get(), scaledAt,
        persist(key), settings, workerConditions));
  }

  /** {@link ScalingStep}: {@link #lower(HatchetWorkerPool, String, int, int)} with the Secret's token. */
  @Override
  public int lower(HatchetWorkerPool pool, HatchetWorkerPoolStatus status, EngineConnection engine,
      int running, int target) {
    return lower(pool, engine.token(), running, target);
  }

  /**
   * Moves a pool that is not autoscaled from {@code running} towards {@code target} (spec.replicas) through
   * the scale-down protocol: one orchestrator tick per new poll of its tenant, with the requested count in
   * place of the policy's decision. Holds {@code running} while the engine cannot be read (never removes a
   * pod blind).
   *
   * @return the replica count to render now
   */
  public int lower(HatchetWorkerPool pool, String token, int running, int target) {
    String key = PoolKeys.of(pool);
    lastStepped.put(key, clock.instant());
    PoolScalingSettings settings = PoolScalingSettings.defaults()
        .withReplicas(0, Math.max(1, running));
    if (!register(pool, key, token, settings)) {
      return running;
    }
    events.bind(key, pool);
    states.restore(key, PoolViews.annotation(pool, AnnotationScalingStateStore.ANNOTATION));
    source.view(PoolViews.of(key, pool, running, pods.pods(pool)));
    Optional<TenantSnapshot> snapshot = pollers.latest(key);
    Instant previous = lastTick.get(key);
    if (snapshot.isEmpty()
        || (previous != null && !snapshot.get().polledAt().isAfter(previous))) {
      return running;
    }
    TickResult tick = orchestrator.tickToward(key, settings, target, "spec.replicas is " + target);
    lastTick.put(key, clock.instant());
    int desired = realizer.takeReplicas(key).orElse(tick.replicas());
    MetricsReading reading = source.read(key);
    if (reading.available() && desired < running) {
      realizer.protectBusy(key, reading.inputs().workers());
    }
    persist(key);
    return desired;
  }

  /** {@link ScalingStep}: {@link #release(HatchetWorkerPool, HatchetWorkerPoolStatus, String)}. */
  @Override
  public boolean release(HatchetWorkerPool pool, HatchetWorkerPoolStatus status,
      EngineConnection engine) {
    return release(pool, status, engine.token());
  }

  /**
   * Drops the autoscaling state of a pool that is no longer autoscaled (and not scaling down): first resumes
   * every worker paused for it (else their pods would run but never get a task again), then forgets it, removes
   * its state annotation and clears its autoscaling status. Makes no call when there is nothing to undo.
   *
   * @return false when a worker could not be resumed (the engine is unreachable): nothing is dropped, retry
   */
  public boolean release(HatchetWorkerPool pool, HatchetWorkerPoolStatus status, String token) {
    String key = PoolKeys.of(pool);
    String annotation = PoolViews.annotation(pool, AnnotationScalingStateStore.ANNOTATION);
    if (annotation != null || lastStepped.containsKey(key)) {
      states.restore(key, annotation);
      List<Cordon> cordons = states.load(key).cordons().stream().filter(c -> !c.podOnly()).toList();
      if (!cordons.isEmpty()) {
        if (!register(pool, key, token, PoolScalingSettings.defaults())) {
          return false;
        }
        for (Cordon cordon : cordons) {
          try {
            realizer.uncordon(key, cordon.workerId(), cordon.podName());
          } catch (RuntimeException e) {
            LOG.warn("pool {}: left autoscaling but worker {} (pod {}) could not be resumed yet: {}",
                key, cordon.workerId(), cordon.podName(), e.getMessage());
            return false;
          }
        }
      }
      remove(key);
      if (annotation != null) {
        cluster.writeState(key, null);
      }
    }
    PoolStatusFields.clear(status);
    return true;
  }

  /** Writes the pool's state annotation when the store says so; returns what was written. */
  private Optional<String> persist(String key) {
    Optional<String> write = states.toPersist(key);
    write.ifPresent(encoded -> cluster.writeState(key, encoded));
    return write;
  }

  /** Registers the pool with its tenant's poller; false when the token or API URL is unusable. */
  private boolean register(HatchetWorkerPool pool, String key, String token,
      PoolScalingSettings settings) {
    try {
      EngineToken parsed = parse(token);
      URI apiUrl = PoolViews.apiUrl(pool, parsed);
      pollers.register(key, apiUrl, parsed, PoolViews.tasks(pool), settings.pollInterval());
      return true;
    } catch (IllegalArgumentException e) {
      LOG.warn("pool {}: cannot reach the engine to pause or resume workers: {}", key, e.getMessage());
      return false;
    }
  }

  /** {@link ScalingStep}: reconcile a pool as soon as its tenant's poll finished. */
  @Override
  public List<EventSource<?, HatchetWorkerPool>> eventSources() {
    return List.of(new EnginePollEventSource(this));
  }

  /** {@link ScalingStep}: the pool was deleted. */
  @Override
  public void forget(String namespace, String name) {
    remove(namespace + "/" + name);
  }

  /** Forgets a deleted pool: stops its polling, drops its state, events binding and metrics. */
  public void remove(String key) {
    pollers.unregister(key);
    source.forget(key);
    states.forget(key);
    events.forget(key);
    metrics.forget(key);
    lastTick.remove(key);
    last.remove(key);
    manualScale.forget(key);
    unmatched.forget(key);
    warnings.forget(key);
    lastStepped.remove(key);
  }

  /** Forgets pools not reconciled for {@code poolExpiry}: deleted, or no longer autoscaled. */
  private void expireStale() {
    Instant cutoff = clock.instant().minus(poolExpiry);
    lastStepped.forEach((key, at) -> {
      if (at.isBefore(cutoff)) {
        remove(key);
      }
    });
  }

  /** An outcome that must not stand in for a decision on later reconciles. */
  private AutoscalingOutcome withoutDecision(String key, AutoscalingOutcome outcome) {
    last.remove(key);
    lastTick.remove(key);
    return outcome;
  }

  /**
   * {@link EngineToken#parse}, remembered per token: a pool's token is the same on every poll, and decoding its JWT
   * and hashing its fingerprint each time was a visible share of the step. A bad token is not remembered.
   */
  private EngineToken parse(String token) {
    EngineToken known = tokens.get(token);
    if (known != null) {
      return known;
    }
    EngineToken parsed = EngineToken.parse(token);
    if (tokens.size() >= MAX_TOKENS) {
      tokens.clear(); // rotated tokens: start over rather than grow
    }
    tokens.put(token, parsed);
    return parsed;
  }

  private static void putIfKnown(Map<String, ConditionValue> conditions, String type,
      ConditionValue value) {
    if (value != null) {
      conditions.put(type, value);
    }
  }

  private AutoscalingOutcome remember(String key, AutoscalingOutcome outcome) {
    last.put(key, outcome);
    return outcome;
  }
}
