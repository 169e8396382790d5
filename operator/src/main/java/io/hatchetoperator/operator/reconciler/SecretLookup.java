package io.hatchetoperator.operator.reconciler;

import io.fabric8.kubernetes.api.model.Secret;
import java.util.Optional;

/** Reads a Secret by namespace and name (from a cache or the API server); empty when it does not exist. */
@FunctionalInterface
public interface SecretLookup {

    /** Secret {@code name} in {@code namespace}. */
    Optional<Secret> get(String namespace, String name);
}
