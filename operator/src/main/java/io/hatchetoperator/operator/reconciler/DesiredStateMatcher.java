package io.hatchetoperator.operator.reconciler;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Decides whether an object on the server already is what the operator wants: every field of the desired
 * object must be present, equal, in the actual one (desired ⊆ actual). Fields the API server or other
 * controllers add (defaults, status, annotations) are ignored, so a restart or a resync changes nothing
 * that is already right. Lists must have the same length and match element by element.
 */
public final class DesiredStateMatcher {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private DesiredStateMatcher() {
    }

    /** True when {@code actual} needs no write to become {@code desired} (labels, owners and spec compared). */
    public static boolean matches(HasMetadata desired, HasMetadata actual) {
        if (actual == null) {
            return false;
        }
        Map<?, ?> d = SERIALIZATION.convertValue(desired, Map.class);
        Map<?, ?> a = SERIALIZATION.convertValue(actual, Map.class);
        Map<?, ?> dm = (Map<?, ?>) d.get("metadata");
        Map<?, ?> am = (Map<?, ?>) a.get("metadata");
        return contains(dm.get("labels"), am.get("labels"))
                && contains(dm.get("ownerReferences"), am.get("ownerReferences"))
                && contains(d.get("spec"), a.get("spec"));
    }

    /** True when {@code actual} holds every value of {@code desired}. */
    static boolean contains(Object desired, Object actual) {
        if (desired == null || isEmptyCollection(desired)) {
            return true;
        }
        if (desired instanceof Map<?, ?> dm) {
            if (!(actual instanceof Map<?, ?> am)) {
                return false;
            }
            return dm.entrySet().stream().allMatch(e -> contains(e.getValue(), am.get(e.getKey())));
        }
        if (desired instanceof List<?> dl) {
            if (!(actual instanceof List<?> al) || al.size() != dl.size()) {
                return false;
            }
            for (int i = 0; i < dl.size(); i++) {
                if (!contains(dl.get(i), al.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (desired instanceof Number dn && actual instanceof Number an) {
            return dn.toString().equals(an.toString());
        }
        return Objects.equals(String.valueOf(desired), actual == null ? null : String.valueOf(actual));
    }

    private static boolean isEmptyCollection(Object value) {
        return (value instanceof Map<?, ?> m && m.isEmpty()) || (value instanceof List<?> l && l.isEmpty());
    }
}
