package io.hatchetoperator.operator.render;

import io.hatchetoperator.operator.api.HatchetWorkerPool;
import java.util.LinkedHashMap;
import java.util.Map;

/** The labels that tie pods, Deployments and Hatchet workers to their pool. */
public final class PoolLabels {

    /** Pod and worker label naming the pool; the Deployment's selector. */
    public static final String POOL = "hatchet-operator.io/pool";
    /** Worker (preset) label naming the pod a Hatchet worker runs in. */
    public static final String POD = "hatchet-operator.io/pod";
    /** The managed-by value on every object the operator owns. */
    public static final String MANAGED_BY_VALUE = "hatchet-worker-operator";
    /** The label selector the operator's informers use for owned objects. */
    public static final String OWNED_SELECTOR = "app.kubernetes.io/managed-by=" + MANAGED_BY_VALUE;

    private PoolLabels() {
    }

    /** The selector of the pool's pods. */
    public static Map<String, String> selector(HatchetWorkerPool pool) {
        return Map.of(POOL, pool.getMetadata().getName());
    }

    /** The selector as the scale subresource publishes it. */
    public static String selectorString(HatchetWorkerPool pool) {
        return POOL + "=" + pool.getMetadata().getName();
    }

    /** Standard app.kubernetes.io labels plus the pool label. */
    public static Map<String, String> standard(HatchetWorkerPool pool) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("app.kubernetes.io/name", "hatchet-worker");
        labels.put("app.kubernetes.io/instance", pool.getMetadata().getName());
        labels.put("app.kubernetes.io/component", "worker");
        labels.put("app.kubernetes.io/part-of", "hatchet");
        labels.put("app.kubernetes.io/managed-by", MANAGED_BY_VALUE);
        labels.put(POOL, pool.getMetadata().getName());
        return labels;
    }
}
