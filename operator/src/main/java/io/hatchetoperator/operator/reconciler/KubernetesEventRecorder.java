package io.hatchetoperator.operator.reconciler;

import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.hatchetoperator.operator.OperatorSettings;
import io.hatchetoperator.operator.api.HatchetWorkerPool;
import io.hatchetoperator.operator.events.KubernetesEventWriter;
import java.time.Clock;
import java.time.Instant;

/**
 * Records core/v1 Events on a pool (kubectl describe shows them), repeated ones as a series of one Event
 * ({@link KubernetesEventWriter}); a failed write is logged, never thrown. Keep one per client: the series live in it.
 */
public final class KubernetesEventRecorder {

    private final KubernetesEventWriter writer;
    private final Clock clock;

    /** A recorder writing through {@code client}. */
    public KubernetesEventRecorder(KubernetesClient client, Clock clock) {
        this.writer = new KubernetesEventWriter(client, OperatorSettings.COMPONENT);
        this.clock = clock;
    }

    /** A Normal event. */
    public void normal(HatchetWorkerPool pool, String reason, String message) {
        writer.write(about(pool), false, reason, message, Instant.now(clock));
    }

    /** A Warning event. */
    public void warning(HatchetWorkerPool pool, String reason, String message) {
        writer.write(about(pool), true, reason, message, Instant.now(clock));
    }

    private static ObjectReference about(HatchetWorkerPool pool) {
        return new ObjectReferenceBuilder()
                .withApiVersion(pool.getApiVersion()).withKind(pool.getKind())
                .withName(pool.getMetadata().getName()).withNamespace(pool.getMetadata().getNamespace())
                .withUid(pool.getMetadata().getUid()).withResourceVersion(pool.getMetadata().getResourceVersion())
                .build();
    }
}
