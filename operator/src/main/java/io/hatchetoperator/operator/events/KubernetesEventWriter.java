package io.hatchetoperator.operator.events;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes core/v1 Events about an object through {@link EventSeries}: a new Event, or a JSON merge patch of the count,
 * lastTimestamp and message of the Event it repeats. A failed write is logged, never thrown; a patch of an Event the
 * server already expired (404) starts the series again with a new Event.
 */
public final class KubernetesEventWriter {

  /** Longest message written; longer ones are cut with an ellipsis. */
  static final int MAX_MESSAGE = 1000;
  private static final Logger LOG = LoggerFactory.getLogger(KubernetesEventWriter.class);
  private static final AtomicLong SEQUENCE = new AtomicLong();

  private final KubernetesClient client;
  private final String component;
  private final EventSeries series = new EventSeries();

  /** A writer through {@code client}, naming {@code component} as the Events' source. */
  public KubernetesEventWriter(KubernetesClient client, String component) {
    this.client = client;
    this.component = component;
  }

  /** Records a Normal ({@code warning} false) or Warning Event about {@code about}. */
  public void write(ObjectReference about, boolean warning, String reason, String message, Instant at) {
    String type = warning ? "Warning" : "Normal";
    String text = message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) + "…" : message;
    Instant now = at.truncatedTo(ChronoUnit.SECONDS);
    EventSeries.Write write;
    synchronized (series) {
      write = series.record(new EventSeries.Occurrence(about.getNamespace() + "/" + about.getName() + "/"
          + about.getUid(), type, reason, text, now), about.getName() + "." + Long.toHexString(
              System.currentTimeMillis()) + Long.toHexString(SEQUENCE.incrementAndGet()));
    }
    try {
      if (write.create()) {
        create(about, type, reason, write, now);
      } else {
        patch(about, write, now);
      }
    } catch (KubernetesClientException e) {
      if (!write.create() && e.getCode() == 404) {
        synchronized (series) {
          series.forget(write.key());
        }
        write(about, warning, reason, message, at);
        return;
      }
      LOG.warn("could not record event {} on {}/{}: {}", reason, about.getNamespace(), about.getName(),
          e.getMessage());
    }
  }

  private void create(ObjectReference about, String type, String reason, EventSeries.Write write, Instant now) {
    client.v1().events().inNamespace(about.getNamespace()).resource(new EventBuilder()
        .withNewMetadata().withName(write.name()).withNamespace(about.getNamespace()).endMetadata()
        .withInvolvedObject(about)
        .withType(type).withReason(reason).withMessage(write.message()).withCount(1)
        .withFirstTimestamp(now.toString()).withLastTimestamp(now.toString())
        .withNewSource().withComponent(component).endSource()
        .withReportingComponent(component)
        .build()).create();
  }

  private void patch(ObjectReference about, EventSeries.Write write, Instant now) {
    Map<String, Object> change = new LinkedHashMap<>();
    change.put("count", write.count());
    change.put("lastTimestamp", now.toString());
    change.put("message", write.message());
    // Through resource(...) rather than withName(...): the client then sends the PATCH alone, without reading the
    // Event first, so the operator needs create and patch on events, not get.
    client.v1().events().inNamespace(about.getNamespace()).resource(new EventBuilder().withNewMetadata()
            .withName(write.name()).withNamespace(about.getNamespace()).endMetadata().build())
        .patch(PatchContext.of(PatchType.JSON_MERGE), client.getKubernetesSerialization().asJson(change));
  }
}
