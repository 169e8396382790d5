package io.hatchetoperator.sandbox.cluster;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Reads Secret and ConfigMap data from the API server, decoded, for the pod environment. */
final class ClusterObjects {

  static Optional<Map<String, String>> secretData(KubernetesClient client, String ns, String name) {
    Secret secret = client.secrets().inNamespace(ns).withName(name).get();
    if (secret == null) {
      return Optional.empty();
    }
    Map<String, String> data = new HashMap<>();
    if (secret.getData() != null) {
      secret.getData().forEach((k, v) ->
          data.put(k, new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
    }
    if (secret.getStringData() != null) {
      data.putAll(secret.getStringData());
    }
    return Optional.of(data);
  }

  static Optional<Map<String, String>> configMapData(KubernetesClient client, String ns, String name) {
    ConfigMap map = client.configMaps().inNamespace(ns).withName(name).get();
    return map == null ? Optional.empty() : Optional.of(map.getData() == null ? Map.of() : map.getData());
  }

  private ClusterObjects() {}
}
