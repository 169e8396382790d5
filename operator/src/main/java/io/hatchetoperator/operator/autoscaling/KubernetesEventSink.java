package io.hatchetoperator.operator.autoscaling;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.hatchetoperator.autoscaler.orchestrator.ScalingEvent;
import io.hatchetoperator.autoscaler.orchestrator.ScalingEventSink;
import io.hatchetoperator.autoscaler.orchestrator.ScalingEventType;
import io.hatchetoperator.operator.api.HatchetWorkerPool;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ScalingEventSink} that records each scaling event as a Kubernetes Event on the pool (read with
 * {@code kubectl describe hwp NAME}), e.g. reason {@code Scaled}, message "scale 2 → 7: 130 queued,
 * 20/20 slots busy, drain target 10 s". Failures to write are logged, never thrown.
 */
public final class KubernetesEventSink implements ScalingEventSink {

  /** The component named as the source of the events. */
  public static final String COMPONENT = "hatchet-worker-operator";

  private static final Logger LOG = LoggerFactory.getLogger(KubernetesEventSink.class);
  private static final AtomicLong SEQUENCE = new AtomicLong();

  private final KubernetesClient client;
  private final Map<String, ObjectReference> pools = new ConcurrentHashMap<>();
  private final Set<String> reportedUnavailable = ConcurrentHashMap.newKeySet();

  /** A sink writing through {@code client}. */
  public KubernetesEventSink(KubernetesClient client) {
    this.client = client;
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
  }

  @Override
  public void emit(ScalingEvent event) {
    if (event.type() == ScalingEventType.METRICS_UNAVAILABLE
        && reportedUnavailable.contains(event.pool())) {
      LOG.info("pool {}: metrics still unavailable (already reported): {}", event.pool(),
          event.message());
      return;
    }
    boolean warning = event.type() == ScalingEventType.METRICS_UNAVAILABLE
        || event.type() == ScalingEventType.SCALE_DOWN_BLOCKED;
    emit(event.pool(), reason(event.type()), warning, event.message(), event.at());
  }

  /** Records an event that is not the orchestrator's, e.g. a manual scale that is not applied. */
  public void emit(String pool, String reason, boolean warning, String message, Instant at) {
    ObjectReference about = pools.get(pool);
    LOG.info("pool {}: {} {}", pool, reason, message);
    if (about == null) {
      return;
    }
    String time = at.toString();
    try {
      client.v1().events().inNamespace(about.getNamespace()).resource(new EventBuilder()
          .withNewMetadata()
          .withName(about.getName() + "." + Long.toHexString(System.currentTimeMillis())
              + Long.toHexString(SEQUENCE.incrementAndGet()))
          .withNamespace(about.getNamespace())
          .endMetadata()
          .withInvolvedObject(about)
          .withReason(reason)
          .withMessage(message.length() > 1000 ? message.substring(0, 1000) + "…" : message)
          .withType(warning ? "Warning" : "Normal")
          .withFirstTimestamp(time)
          .withLastTimestamp(time)
          .withCount(1)
          .withNewSource().withComponent(COMPONENT).endSource()
          .withReportingComponent(COMPONENT)
          .build()).create();
    } catch (RuntimeException e) {
      LOG.warn("pool {}: could not record event {}: {}", pool, reason, e.getMessage());
    }
  }

  /** The Event reason of an orchestrator event type, e.g. SCALE_DOWN_BLOCKED → ScaleDownBlocked. */
  static String reason(ScalingEventType type) {
    StringBuilder out = new StringBuilder();
    for (String part : type.name().split("_")) {
      out.append(part.charAt(0)).append(part.substring(1).toLowerCase(java.util.Locale.ROOT));
    }
    return out.toString();
  }
}
