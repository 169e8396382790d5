package io.hatchetoperator.operator.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.hatchetoperator.operator.support.MockCluster;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Against the CRUD mock: repeated Events are patched into one series that kubectl describe shows as (xN over T). */
class KubernetesEventWriterIT {

  private static final Instant T0 = Instant.parse("2026-12-02T03:00:00Z");
  private final MockCluster cluster = new MockCluster("event-series");
  private final KubernetesEventWriter writer = new KubernetesEventWriter(cluster.operatorClient(), "hatchet-worker-operator");
  private final ObjectReference pool = new ObjectReferenceBuilder().withApiVersion("hatchet-operator.io/v1alpha1")
      .withKind("HatchetWorkerPool").withNamespace(MockCluster.NAMESPACE).withName("resizer").withUid("uid-1").build();

  @AfterEach
  void close() {
    cluster.close();
  }

  @Test
  void aRepeatedEventIsOneEventWithACountAndBothTimestamps() {
    for (int i = 0; i < 3; i++) {
      writer.write(pool, true, "ScaleDownBlocked", "waiting: 2 fewer pods wanted", T0.plusSeconds(60L * i));
    }

    List<Event> events = events();
    assertThat(events).hasSize(1);
    Event event = events.get(0);
    assertThat(event.getCount()).isEqualTo(3);
    assertThat(event.getFirstTimestamp()).isEqualTo("2026-12-02T03:00:00Z");
    assertThat(event.getLastTimestamp()).isEqualTo("2026-12-02T03:02:00Z");
    assertThat(event.getType()).isEqualTo("Warning");
    assertThat(event.getInvolvedObject().getName()).isEqualTo("resizer");
  }

  @Test
  void manyDifferentDecisionsEndInOneCombinedSeries() {
    for (int i = 1; i <= 14; i++) {
      writer.write(pool, false, "Scaled", "scale " + i + " → " + (i + 1) + ": " + (10 * i) + " queued",
          T0.plusSeconds(i));
    }

    List<Event> events = events();
    assertThat(events).hasSize(10);
    Event combined = events.stream().filter(e -> e.getMessage().startsWith("(combined from similar events)"))
        .findFirst().orElseThrow();
    assertThat(combined.getCount()).isEqualTo(5);
    assertThat(combined.getMessage()).endsWith("scale 14 → 15: 140 queued");
  }

  @Test
  void anExpiredEventIsWrittenAnew() {
    writer.write(pool, false, "Scaled", "scale 1 → 2", T0);
    cluster.client().v1().events().inNamespace(MockCluster.NAMESPACE).delete();
    writer.write(pool, false, "Scaled", "scale 1 → 2", T0.plusSeconds(5));

    assertThat(events()).singleElement().satisfies(e -> assertThat(e.getCount()).isEqualTo(1));
  }

  private List<Event> events() {
    return cluster.client().v1().events().inNamespace(MockCluster.NAMESPACE).list().getItems();
  }
}
