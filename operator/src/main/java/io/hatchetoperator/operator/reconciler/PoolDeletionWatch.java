package io.hatchetoperator.operator.reconciler;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.hatchetoperator.operator.api.HatchetWorkerPool;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Tells the operator's per-pool state holders (metrics, the scaling step) that a pool was deleted. The
 * operator uses no finalizer (a pool must stay deletable while the operator is down), so JOSDK reports no
 * deletion; this watch does, on the informer's thread.
 */
public final class PoolDeletionWatch implements AutoCloseable {

    private final List<SharedIndexInformer<HatchetWorkerPool>> informers = new ArrayList<>();

    /** Starts watching {@code namespaces} (empty = all) and calls {@code onDelete(namespace, name)}. */
    public PoolDeletionWatch(KubernetesClient client, Set<String> namespaces, BiConsumer<String, String> onDelete) {
        ResourceEventHandler<HatchetWorkerPool> handler = new ResourceEventHandler<>() {
            @Override
            public void onAdd(HatchetWorkerPool pool) {
            }

            @Override
            public void onUpdate(HatchetWorkerPool before, HatchetWorkerPool after) {
            }

            @Override
            public void onDelete(HatchetWorkerPool pool, boolean finalStateUnknown) {
                onDelete.accept(pool.getMetadata().getNamespace(), pool.getMetadata().getName());
            }
        };
        var pools = client.resources(HatchetWorkerPool.class);
        if (namespaces.isEmpty()) {
            informers.add(pools.inAnyNamespace().inform(handler));
        } else {
            namespaces.forEach(ns -> informers.add(pools.inNamespace(ns).inform(handler)));
        }
    }

    @Override
    public void close() {
        informers.forEach(SharedIndexInformer::close);
    }
}
