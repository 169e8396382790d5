package io.hatchetoperator.operator.autoscaling;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.hatchetoperator.operator.api.HatchetWorkerPool;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The worker pods of pools, from one informer per namespace filtered by the pool label (so only pools' pods are
 * held, and a namespaced Role suffices), indexed by pool: an autoscaling step reads them from memory instead of a
 * LIST per poll. Thread-safe.
 */
final class PodCache implements AutoCloseable {

    private static final String BY_POOL = "pool";
    private final KubernetesClient client;
    private final Map<String, SharedIndexInformer<Pod>> informers = new ConcurrentHashMap<>();

    PodCache(KubernetesClient client) {
        this.client = client;
    }

    /** The pool's pods, terminating ones included; the first call in a namespace starts its informer. */
    List<Pod> pods(HatchetWorkerPool pool) {
        String namespace = pool.getMetadata().getNamespace();
        SharedIndexInformer<Pod> informer = informers.computeIfAbsent(namespace, ns -> {
            SharedIndexInformer<Pod> created = client.pods().inNamespace(ns).withLabel(PoolInputsMapper.POOL_LABEL)
                    .runnableInformer(0);
            created.addIndexers(Map.of(BY_POOL, p -> List.of(p.getMetadata().getLabels()
                    .getOrDefault(PoolInputsMapper.POOL_LABEL, ""))));
            created.run();
            return created;
        });
        return informer.getIndexer().byIndex(BY_POOL, pool.getMetadata().getName());
    }

    @Override
    public void close() {
        informers.values().forEach(SharedIndexInformer::close);
        informers.clear();
    }
}
