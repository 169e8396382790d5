package io.hatchetoperator.operator.reconciler;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.hatchetoperator.operator.OperatorSettings;
import io.hatchetoperator.operator.api.HatchetWorkerPool;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Records core/v1 Events on a pool (kubectl describe shows them); a failed write is logged, never thrown. */
public final class KubernetesEventRecorder {

    private static final Logger LOG = LoggerFactory.getLogger(KubernetesEventRecorder.class);
    private final KubernetesClient client;
    private final Clock clock;

    /** A recorder writing through {@code client}. */
    public KubernetesEventRecorder(KubernetesClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    /** A Normal event. */
    public void normal(HatchetWorkerPool pool, String reason, String message) {
        record(pool, "Normal", reason, message);
    }

    /** A Warning event. */
    public void warning(HatchetWorkerPool pool, String reason, String message) {
        record(pool, "Warning", reason, message);
    }

    private void record(HatchetWorkerPool pool, String type, String reason, String message) {
        String now = Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
        Event event = new EventBuilder()
                .withNewMetadata()
                    .withName(pool.getMetadata().getName() + "." + Long.toHexString(System.nanoTime())
                            + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000)))
                    .withNamespace(pool.getMetadata().getNamespace())
                .endMetadata()
                .withNewInvolvedObject()
                    .withApiVersion(pool.getApiVersion()).withKind(pool.getKind())
                    .withName(pool.getMetadata().getName()).withNamespace(pool.getMetadata().getNamespace())
                    .withUid(pool.getMetadata().getUid()).withResourceVersion(pool.getMetadata().getResourceVersion())
                .endInvolvedObject()
                .withType(type).withReason(reason).withMessage(message).withCount(1)
                .withFirstTimestamp(now).withLastTimestamp(now)
                .withNewSource().withComponent(OperatorSettings.COMPONENT).endSource()
                .withReportingComponent(OperatorSettings.COMPONENT)
                .build();
        try {
            client.v1().events().inNamespace(pool.getMetadata().getNamespace()).resource(event).create();
        } catch (KubernetesClientException e) {
            LOG.warn("could not record event {} on pool {}/{}: {}", reason, pool.getMetadata().getNamespace(),
                    pool.getMetadata().getName(), e.getMessage());
        }
    }
}
