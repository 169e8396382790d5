package io.hatchetoperator.sandbox.cluster;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Resolves a container's environment the way the kubelet does: {@code envFrom}, then {@code env} in order,
 * with Secret and ConfigMap keys, the downward API ({@code fieldRef}) and {@code $(VAR)} expansion.
 *
 * <p>A missing Secret, ConfigMap or key that is not optional fails with {@link PodStartException}, as the
 * kubelet's CreateContainerConfigError does.
 */
public final class PodEnvResolver {

  private final BiFunction<String, String, Optional<Map<String, String>>> secrets;
  private final BiFunction<String, String, Optional<Map<String, String>>> configMaps;

  /** Lookups take (namespace, name) and return the decoded data, or empty when the object does not exist. */
  public PodEnvResolver(BiFunction<String, String, Optional<Map<String, String>>> secrets,
      BiFunction<String, String, Optional<Map<String, String>>> configMaps) {
    this.secrets = secrets;
    this.configMaps = configMaps;
  }

  /** The environment of {@code container} in {@code pod}, in declaration order. */
  public Map<String, String> resolve(Pod pod, Container container) {
    String ns = pod.getMetadata().getNamespace();
    Map<String, String> env = new LinkedHashMap<>();
    for (EnvFromSource from : Optional.ofNullable(container.getEnvFrom()).orElse(java.util.List.of())) {
      String prefix = Optional.ofNullable(from.getPrefix()).orElse("");
      if (from.getSecretRef() != null) {
        boolean optional = Boolean.TRUE.equals(from.getSecretRef().getOptional());
        lookup(secrets, "Secret", ns, from.getSecretRef().getName(), optional)
            .ifPresent(data -> data.forEach((k, v) -> env.put(prefix + k, v)));
      }
      if (from.getConfigMapRef() != null) {
        boolean optional = Boolean.TRUE.equals(from.getConfigMapRef().getOptional());
        lookup(configMaps, "ConfigMap", ns, from.getConfigMapRef().getName(), optional)
            .ifPresent(data -> data.forEach((k, v) -> env.put(prefix + k, v)));
      }
    }
    for (EnvVar var : Optional.ofNullable(container.getEnv()).orElse(java.util.List.of())) {
      String value = var.getValueFrom() != null
          ? valueFrom(pod, var.getName(), var.getValueFrom())
          : EnvExpansion.expand(Optional.ofNullable(var.getValue()).orElse(""), env);
      if (value != null) {
        env.put(var.getName(), value);
      }
    }
    return env;
  }

  private String valueFrom(Pod pod, String name, EnvVarSource source) {
    String ns = pod.getMetadata().getNamespace();
    if (source.getSecretKeyRef() != null) {
      var ref = source.getSecretKeyRef();
      return key(secrets, "Secret", ns, ref.getName(), ref.getKey(), Boolean.TRUE.equals(ref.getOptional()), name);
    }
    if (source.getConfigMapKeyRef() != null) {
      var ref = source.getConfigMapKeyRef();
      return key(configMaps, "ConfigMap", ns, ref.getName(), ref.getKey(),
          Boolean.TRUE.equals(ref.getOptional()), name);
    }
    if (source.getFieldRef() != null) {
      return DownwardApi.field(pod, source.getFieldRef().getFieldPath(), name);
    }
    throw new PodStartException("env " + name + " uses a valueFrom source the sandbox does not simulate ("
        + source + "); use value, secretKeyRef, configMapKeyRef or fieldRef");
  }

  private String key(BiFunction<String, String, Optional<Map<String, String>>> store, String kind, String ns,
      String objectName, String key, boolean optional, String envName) {
    Optional<Map<String, String>> data = lookup(store, kind, ns, objectName, optional);
    if (data.isEmpty()) {
      return null;
    }
    String value = data.get().get(key);
    if (value == null && !optional) {
      throw new PodStartException("env " + envName + ": " + kind + " " + ns + "/" + objectName
          + " has no key '" + key + "'; add the key to the " + kind + " or fix the key name");
    }
    return value;
  }

  private static Optional<Map<String, String>> lookup(
      BiFunction<String, String, Optional<Map<String, String>>> store, String kind, String ns, String name,
      boolean optional) {
    Optional<Map<String, String>> data = store.apply(ns, name);
    if (data.isEmpty() && !optional) {
      throw new PodStartException(kind + " " + ns + "/" + name + " not found; create it (kubectl create "
          + kind.toLowerCase() + " ...) or mark the reference optional");
    }
    return data;
  }
}
