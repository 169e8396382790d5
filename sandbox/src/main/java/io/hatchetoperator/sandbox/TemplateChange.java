package io.hatchetoperator.sandbox;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.hatchetoperator.sandbox.cluster.PodTermination;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A new release of a pool's workers, as a user ships one: an edit of the HatchetWorkerPool's pod template (the
 * worker container's {@value #ENV} is set to the next revision, as a new image tag would change it). The operator
 * renders the changed template into the Deployment, and the Deployment rolls its pods.
 */
public final class TemplateChange {

  /** The environment variable whose value marks the pool's template revision. */
  public static final String ENV = "SANDBOX_TEMPLATE_REVISION";

  /**
   * Sets the first container's {@value #ENV} of pool {@code namespace/pool} to the next revision and returns it. The
   * edit is retried when the operator wrote the pool meanwhile (HTTP 409), as a user would retry {@code kubectl edit}.
   */
  public static int nextRevision(KubernetesClient client, String namespace, String pool) {
    for (int attempt = 1; ; attempt++) {
      try {
        return edit(client, namespace, pool);
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409 || attempt == 20) {
          throw e;
        }
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static int edit(KubernetesClient client, String namespace, String pool) {
    int[] revision = new int[1];
    GenericKubernetesResource edited = client.genericKubernetesResources(PoolManifest.API_VERSION,
        "HatchetWorkerPool").inNamespace(namespace).withName(pool).edit(r -> {
          Map<String, Object> spec = (Map<String, Object>) r.getAdditionalProperties().get("spec");
          Map<String, Object> template = (Map<String, Object>) spec.get("template");
          Map<String, Object> podSpec = (Map<String, Object>) template.get("spec");
          Map<String, Object> container = ((List<Map<String, Object>>) podSpec.get("containers")).get(0);
          List<Map<String, Object>> env = container.get("env") == null ? new ArrayList<>()
              : new ArrayList<>((List<Map<String, Object>>) container.get("env"));
          Map<String, Object> entry = env.stream().filter(e -> ENV.equals(e.get("name"))).findFirst().orElse(null);
          revision[0] = entry == null ? 2 : Integer.parseInt(String.valueOf(entry.get("value"))) + 1;
          env.removeIf(e -> ENV.equals(e.get("name")));
          Map<String, Object> next = new LinkedHashMap<>();
          next.put("name", ENV);
          next.put("value", String.valueOf(revision[0]));
          env.add(next);
          container.put("env", env);
          return r;
        });
    if (edited == null) {
      throw new IllegalStateException("pool " + namespace + "/" + pool + " does not exist; cannot change its template");
    }
    return revision[0];
  }

  /** One line on a rollout's end: old-template pods replaced, their longest drain against the grace period, kills. */
  public static String summary(List<PodTermination> terminations) {
    List<PodTermination> old = terminations.stream().filter(PodTermination::outdated).toList();
    if (old.isEmpty()) {
      return "rolling update: no pod of the old template ended during the run";
    }
    PodTermination longest = old.stream().max(java.util.Comparator.comparing(PodTermination::drainTime)).get();
    return String.format(java.util.Locale.ROOT, "rolling update: %d pod(s) of the old template drained and "
        + "replaced, %d of them busy at SIGTERM; longest drain %.1f s of a %d s grace period; %d task(s) killed",
        old.size(), old.stream().filter(t -> t.runningAtSignal() > 0).count(), longest.drainTime().toMillis() / 1000.0,
        longest.graceSeconds(), old.stream().mapToInt(PodTermination::killed).sum());
  }

  private TemplateChange() {}
}
