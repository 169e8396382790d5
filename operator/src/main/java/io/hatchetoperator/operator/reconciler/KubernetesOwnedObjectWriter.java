package io.hatchetoperator.operator.reconciler;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.hatchetoperator.operator.OperatorSettings;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes the objects a pool owns (its Deployment and PodDisruptionBudget) to the API server: nothing when the
 * object already matches, else server-side apply or a create / optimistic-locking update, depending on the
 * serverSideApply setting. A concurrent change surfaces as a 409 KubernetesClientException.
 */
public final class KubernetesOwnedObjectWriter {

    /** What a write did. */
    public enum Outcome { CREATED, UPDATED, UNCHANGED }

    /**
     * The outcome and the object as the server now has it; {@code templateChanged} is true when more than the
     * replica count changed (a new or changed rendering, see {@link DesiredStateMatcher#sameTemplate}).
     */
    public record Written<T>(Outcome outcome, T object, boolean templateChanged) {
    }

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private final KubernetesClient client;
    private final boolean serverSideApply;

    /** A writer on {@code client}. */
    public KubernetesOwnedObjectWriter(KubernetesClient client, boolean serverSideApply) {
        this.client = client;
        this.serverSideApply = serverSideApply;
    }

    /**
     * Makes the server's object match {@code desired}; {@code actual} is the cached one, or null. The object is
     * written with its {@link DesiredStateMatcher#FINGERPRINT} annotation, so a field removed from the rendering
     * is removed from the server too.
     */
    public <T extends HasMetadata> Written<T> apply(T desired, T actual) {
        if (DesiredStateMatcher.matches(desired, actual)) {
            return new Written<>(Outcome.UNCHANGED, actual, false);
        }
        boolean templateChanged = !DesiredStateMatcher.sameTemplate(desired, actual);
        T stamped = DesiredStateMatcher.stamped(desired);
        if (serverSideApply) {
            T applied = client.resource(stamped).fieldManager(OperatorSettings.COMPONENT).forceConflicts()
                    .serverSideApply();
            return new Written<>(actual == null ? Outcome.CREATED : Outcome.UPDATED, applied, templateChanged);
        }
        if (actual == null) {
            return new Written<>(Outcome.CREATED, client.resource(stamped).create(), true);
        }
        return new Written<>(Outcome.UPDATED, client.resource(merge(stamped, actual)).update(), templateChanged);
    }

    /** Deletes {@code actual}. */
    public void delete(HasMetadata actual) {
        client.resource(actual).delete();
    }

    /** {@code actual} with desired's spec, owner references, labels and annotations (others' kept). */
    @SuppressWarnings("unchecked")
    private static <T extends HasMetadata> T merge(T desired, T actual) {
        Map<String, Object> d = SERIALIZATION.convertValue(desired, Map.class);
        Map<String, Object> a = SERIALIZATION.convertValue(actual, Map.class);
        Map<String, Object> dm = (Map<String, Object>) d.get("metadata");
        Map<String, Object> am = (Map<String, Object>) a.get("metadata");
        Map<String, Object> labels = new LinkedHashMap<>();
        if (am.get("labels") instanceof Map<?, ?> existing) {
            labels.putAll((Map<String, Object>) existing);
        }
        labels.putAll((Map<String, Object>) dm.get("labels"));
        am.put("labels", labels);
        Map<String, Object> annotations = new LinkedHashMap<>();
        if (am.get("annotations") instanceof Map<?, ?> existing) {
            annotations.putAll((Map<String, Object>) existing);
        }
        if (dm.get("annotations") instanceof Map<?, ?> wanted) {
            annotations.putAll((Map<String, Object>) wanted);
        }
        am.put("annotations", annotations);
        am.put("ownerReferences", dm.get("ownerReferences"));
        a.put("spec", d.get("spec"));
        return (T) SERIALIZATION.convertValue(a, actual.getClass());
    }
}
