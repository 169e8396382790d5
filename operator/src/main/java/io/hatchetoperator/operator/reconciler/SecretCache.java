package io.hatchetoperator.operator.reconciler;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Secrets pools name (engine token, TLS), each watched on its own by name (a list and a watch with the field
 * selector metadata.name, which RBAC can grant by resourceNames), so a reconcile reads them from memory instead
 * of a GET per reconcile. Only Secrets some pool named are watched; none is listed in bulk. Thread-safe.
 */
public final class SecretCache implements SecretLookup, AutoCloseable {

    private final KubernetesClient client;
    private final Map<String, SharedIndexInformer<Secret>> informers = new ConcurrentHashMap<>();

    /** A cache reading through {@code client}. */
    public SecretCache(KubernetesClient client) {
        this.client = client;
    }

    /** Secret {@code name} in {@code namespace}, empty when it does not exist; the first call starts its watch. */
    @Override
    public Optional<Secret> get(String namespace, String name) {
        String key = namespace + "/" + name;
        SharedIndexInformer<Secret> informer = informers.computeIfAbsent(key, k ->
                client.secrets().inNamespace(namespace).withName(name).inform());
        return Optional.ofNullable(informer.getStore().getByKey(key));
    }

    /** Number of Secrets watched. */
    public int size() {
        return informers.size();
    }

    /** Stops every watch. */
    @Override
    public void close() {
        informers.values().forEach(SharedIndexInformer::close);
        informers.clear();
    }
}
