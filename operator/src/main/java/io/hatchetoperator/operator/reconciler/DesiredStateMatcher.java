package io.hatchetoperator.operator.reconciler;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Decides whether an object on the server already is what the operator wants, whatever canonical form the API
 * server gave it back in. Two checks, both needed:
 * <ul>
 *   <li>desired ⊆ actual: every field the operator renders is present and equal on the server. Fields the
 *       server or other controllers add (defaults, status, annotations) are ignored, and resource quantities
 *       compare by value (the server returns {@code cpu: 1} for {@code 1000m}, {@code 1Gi} for {@code 1024Mi},
 *       {@code 500m} for {@code 0.5}: the canonical form of kubernetes/apimachinery
 *       {@code pkg/api/resource/quantity.go}).</li>
 *   <li>The fingerprint annotation ({@link #FINGERPRINT}) the operator wrote with the object equals the one of
 *       what it renders now: a field the operator stopped rendering (a removed nodeSelector, limit or label)
 *       changes the fingerprint, so the write that removes it is not skipped by the first check.</li>
 * </ul>
 * The fingerprint leaves out spec.replicas, so a change of the replica count alone is told apart from a change
 * of the template ({@link #sameTemplate}).
 */
public final class DesiredStateMatcher {

    /** Annotation holding the fingerprint of the labels, owners and spec (replicas excluded) last written. */
    public static final String FINGERPRINT = "hatchet-operator.io/rendered-fingerprint";

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    /** Map keys whose values are resource quantities (container resources, pod overhead, emptyDir size). */
    private static final Set<String> QUANTITY_MAPS = Set.of("limits", "requests", "overhead");
    private static final Set<String> QUANTITY_FIELDS = Set.of("sizeLimit");

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
        return sameTemplate(desired, actual)
                && contains(null, dm.get("labels"), am.get("labels"))
                && contains(null, dm.get("ownerReferences"), am.get("ownerReferences"))
                && contains(null, d.get("spec"), a.get("spec"));
    }

    /** True when {@code actual} carries the fingerprint of {@code desired}: the same rendering, replicas aside. */
    public static boolean sameTemplate(HasMetadata desired, HasMetadata actual) {
        Map<String, String> annotations = actual == null ? null : actual.getMetadata().getAnnotations();
        return annotations != null && fingerprint(desired).equals(annotations.get(FINGERPRINT));
    }

    /** {@code desired} with its fingerprint annotation added (call on what is about to be written). */
    public static <T extends HasMetadata> T stamped(T desired) {
        String print = fingerprint(desired);
        Map<String, String> annotations = new TreeMap<>(desired.getMetadata().getAnnotations() == null ? Map.of()
                : desired.getMetadata().getAnnotations());
        annotations.put(FINGERPRINT, print);
        desired.getMetadata().setAnnotations(annotations);
        return desired;
    }

    /** SHA-256 (first 16 hex digits) of the labels, owner references and spec of {@code object} without replicas. */
    @SuppressWarnings("unchecked")
    public static String fingerprint(HasMetadata object) {
        Map<String, Object> map = SERIALIZATION.convertValue(object, Map.class);
        Map<String, Object> metadata = (Map<String, Object>) map.get("metadata");
        Map<String, Object> spec = map.get("spec") instanceof Map<?, ?> s ? new TreeMap<>((Map<String, Object>) s)
                : new TreeMap<>();
        spec.remove("replicas");
        Map<String, Object> basis = new TreeMap<>();
        basis.put("labels", metadata.get("labels"));
        basis.put("ownerReferences", metadata.get("ownerReferences"));
        basis.put("spec", spec);
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(SERIALIZATION.asJson(sorted(basis))
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** True when {@code actual} holds every value of {@code desired}; {@code key} is desired's field name. */
    static boolean contains(String key, Object desired, Object actual) {
        if (desired == null || isEmptyCollection(desired)) {
            return true;
        }
        if (desired instanceof Map<?, ?> dm) {
            if (!(actual instanceof Map<?, ?> am)) {
                return false;
            }
            boolean quantities = key != null && QUANTITY_MAPS.contains(key);
            return dm.entrySet().stream().allMatch(e -> quantities
                    ? sameQuantity(e.getValue(), am.get(e.getKey()))
                    : contains(String.valueOf(e.getKey()), e.getValue(), am.get(e.getKey())));
        }
        if (desired instanceof List<?> dl) {
            if (!(actual instanceof List<?> al) || al.size() != dl.size()) {
                return false;
            }
            for (int i = 0; i < dl.size(); i++) {
                if (!contains(null, dl.get(i), al.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (key != null && QUANTITY_FIELDS.contains(key)) {
            return sameQuantity(desired, actual);
        }
        if (desired instanceof Number dn && actual instanceof Number an) {
            return dn.toString().equals(an.toString());
        }
        return Objects.equals(String.valueOf(desired), actual == null ? null : String.valueOf(actual));
    }

    /** Quantities equal by value ({@code 1000m} = {@code 1}); plain text comparison if either does not parse. */
    static boolean sameQuantity(Object desired, Object actual) {
        if (actual == null) {
            return desired == null;
        }
        String d = desired instanceof Map<?, ?> m ? quantityText(m) : String.valueOf(desired);
        String a = actual instanceof Map<?, ?> m ? quantityText(m) : String.valueOf(actual);
        if (d.equals(a)) {
            return true;
        }
        try {
            return Quantity.getAmountInBytes(new Quantity(d)).compareTo(Quantity.getAmountInBytes(new Quantity(a)))
                    == 0;
        } catch (IllegalArgumentException | ArithmeticException e) {
            return false;
        }
    }

    private static String quantityText(Map<?, ?> quantity) {
        Object amount = quantity.get("amount");
        Object format = quantity.get("format");
        return String.valueOf(amount) + (format == null ? "" : format);
    }

    @SuppressWarnings("unchecked")
    private static Object sorted(Object value) {
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> out = new TreeMap<>();
            m.forEach((k, v) -> out.put(String.valueOf(k), sorted(v)));
            return out;
        }
        if (value instanceof List<?> l) {
            return l.stream().map(DesiredStateMatcher::sorted).toList();
        }
        return value;
    }

    private static boolean isEmptyCollection(Object value) {
        return (value instanceof Map<?, ?> m && m.isEmpty()) || (value instanceof List<?> l && l.isEmpty());
    }
}
