package io.hatchetoperator.operator.autoscaling;

import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.hatchetoperator.autoscaler.orchestrator.ScalingEvent;
import io.hatchetoperator.autoscaler.orchestrator.ScalingEventSink;
import io.hatchetoperator.autoscaler.orchestrator.ScalingEventType;
import io.hatchetoperator.autoscaler.orchestrator.TickResult;
import io.hatchetoperator.operator.api.HatchetWorkerPool;
import io.hatchetoperator.operator.events.KubernetesEventWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ScalingEventSink} that records one Kubernetes Event on the pool per decision (read with
 * {@code kubectl describe hwp NAME}): the orchestrator's events of one tick, collected between {@link #begin} and
 * {@link #flush}, become one {@link DecisionEvent}, e.g. reason {@code Scaled}, message "scale 2 → 7: 130 queued,
 * 20/20 slots busy, drain target 10 s"; a decision repeated becomes a series of one Event
 * ({@link KubernetesEventWriter}). Failures to write are logged, never thrown.
 */
public final class KubernetesEventSink implements ScalingEventSink {

  /** The component named as the source of the events. */
  public static final String COMPONENT = "hatchet-worker-operator";

  private static final Logger LOG = LoggerFactory.getLogger(KubernetesEventSink.class);

  private final KubernetesEventWriter writer;
  private final Consumer<Runnable> dispatch;
  private final Map<String, ObjectReference> pools = new ConcurrentHashMap<>();
  private final Set<String> reportedUnavailable = ConcurrentHashMap.newKeySet();
  private final Map<String, List<ScalingEvent>> ticking = new ConcurrentHashMap<>();

  /** A sink writing through {@code client} on the caller's thread. */
  public KubernetesEventSink(KubernetesClient client) {
    this(client, Runnable::run);
  }

  /** A sink writing through {@code client}, each write handed to {@code dispatch} (e.g. a background thread). */
  public KubernetesEventSink(KubernetesClient client, Consumer<Runnable> dispatch) {
    this.writer = new KubernetesEventWriter(client, COMPONENT);
    this.dispatch = dispatch;
  }

  /**
   * Remembers which object the events of {@code pool} are about; call before each tick. When the pool
   * already shows {@code MetricsAvailable=False} (reported before an operator restart), the outage is
   * not announced again.
   */
  public void bind(String pool, HatchetWorkerPool resource) {
    boolean unavailable = resource.getStatus() != null && resource.getStatus().getConditions() != null
        && resource.getStatus().getConditions().stream().anyMatch(c ->
            PoolStatusFields.METRICS_AVAILABLE.equals(c.getType()) && "False".equals(c.getStatus()));
    if (unavailable) {
      reportedUnavailable.add(pool);
    } else {
      reportedUnavailable.remove(pool);
    }
    pools.put(pool, new ObjectReferenceBuilder()
        .withApiVersion(resource.getApiVersion())
        .withKind(resource.getKind())
        .withNamespace(resource.getMetadata().getNamespace())
        .withName(resource.getMetadata().getName())
        .withUid(resource.getMetadata().getUid())
        .withResourceVersion(resource.getMetadata().getResourceVersion())
        .build());
  }

  /** Forgets a deleted pool. */
  public void forget(String pool) {
    pools.remove(pool);
    reportedUnavailable.remove(pool);
    ticking.remove(pool);
  }

  /** Starts collecting the events of one tick of {@code pool}. */
  public void begin(String pool) {
    ticking.put(pool, new ArrayList<>());
  }

  /** Records what the tick since {@link #begin} reported as one Event; {@code tick} null when the tick failed. */
  public void flush(String pool, TickResult tick) {
    List<ScalingEvent> events = ticking.remove(pool);
    if (events == null || events.isEmpty()) {
      return;
    }
    String explanation = tick == null ? "" : tick.decision().explanation();
    DecisionEvent.of(events, explanation).ifPresent(e ->
        emit(pool, e.reason(), e.warning(), e.message(), events.get(events.size() - 1).at()));
  }

  @Override
  public void emit(ScalingEvent event) {
    if (event.type() == ScalingEventType.METRICS_UNAVAILABLE
        && reportedUnavailable.contains(event.pool())) {
      LOG.info("pool {}: metrics still unavailable (already reported): {}", event.pool(),
          event.message());
      return;
    }
    List<ScalingEvent> collecting = ticking.get(event.pool());
    if (collecting != null) {
      collecting.add(event);
      return;
    }
    DecisionEvent.of(List.of(event), "").ifPresent(e ->
        emit(event.pool(), e.reason(), e.warning(), e.message(), event.at()));
  }

  /** Records an event that is not the orchestrator's, e.g. a manual scale that is not applied. */
  public void emit(String pool, String reason, boolean warning, String message, Instant at) {
    ObjectReference about = pools.get(pool);
    LOG.info("pool {}: {}: {}", pool, reason, message);
    if (about != null) {
      dispatch.accept(() -> writer.write(about, warning, reason, message, at));
    }
  }

  /** The Event reason of an orchestrator event type, e.g. SCALE_DOWN_BLOCKED → ScaleDownBlocked. */
  static String reason(ScalingEventType type) {
    return DecisionEvent.reason(type);
  }
}
