package io.hatchetoperator.operator.autoscaling;

import io.fabric8.kubernetes.api.model.Pod;
import io.hatchetoperator.operator.api.HatchetWorkerPool;
import io.hatchetoperator.operator.engine.EngineToken;
import java.net.URI;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Pure: reads what autoscaling needs from a pool resource and its pods. */
public final class PoolViews {

  private PoolViews() {}

  /** The Kubernetes view of {@code pool} now. */
  public static PoolView of(String key, HatchetWorkerPool pool, int current, List<Pod> pods) {
    Set<String> live = new HashSet<>();
    Set<String> ready = new HashSet<>();
    Map<String, Instant> created = new java.util.HashMap<>();
    for (Pod pod : pods) {
      if (pod.getMetadata().getDeletionTimestamp() != null) {
        continue;
      }
      String name = pod.getMetadata().getName();
      live.add(name);
      Instant at = createdAt(pod);
      if (at != null) {
        created.put(name, at);
      }
      if (isReady(pod)) {
        ready.add(name);
      }
    }
    return new PoolView(key, pool.getMetadata().getName(), tasks(pool), pool.getSpec().slots(),
        current, ready, live, created);
  }

  private static Instant createdAt(Pod pod) {
    String text = pod.getMetadata().getCreationTimestamp();
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return java.time.OffsetDateTime.parse(text).toInstant();
    } catch (java.time.format.DateTimeParseException e) {
      return null;
    }
  }

  /** The replica count in force: {@code status.desiredReplicas}, else minReplicas (at least 1). */
  public static int currentReplicas(HatchetWorkerPool pool) {
    if (pool.getStatus() != null && pool.getStatus().getDesiredReplicas() != null) {
      return pool.getStatus().getDesiredReplicas();
    }
    return Math.max(1, pool.getSpec().autoscaling().effectiveMinReplicas());
  }

  /** The pool's {@code spec.tasks}, empty when unset. */
  public static Set<String> tasks(HatchetWorkerPool pool) {
    List<String> tasks = pool.getSpec().tasks();
    return tasks == null ? Set.of() : Set.copyOf(tasks);
  }

  /** {@code spec.engine.apiUrl}, else the token's {@code server_url}. */
  public static URI apiUrl(HatchetWorkerPool pool, EngineToken token) {
    String url = pool.getSpec().engine() == null ? null : pool.getSpec().engine().apiUrl();
    if (url == null || url.isBlank()) {
      url = token.serverUrl().orElseThrow(() -> new IllegalArgumentException(
          "spec.engine.apiUrl is unset and the token has no server_url claim; set"
              + " spec.engine.apiUrl to the engine's REST URL, e.g. http://hatchet-api:8080"));
    }
    try {
      URI uri = URI.create(url.strip());
      if (uri.getScheme() == null || uri.getHost() == null) {
        throw new IllegalArgumentException("no scheme or host");
      }
      return uri;
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("spec.engine.apiUrl '" + url + "' is not a URL ("
          + e.getMessage() + "); use e.g. http://hatchet-api:8080");
    }
  }

  /** One annotation of the pool, or null. */
  public static String annotation(HatchetWorkerPool pool, String key) {
    Map<String, String> annotations = pool.getMetadata().getAnnotations();
    return annotations == null ? null : annotations.get(key);
  }

  private static boolean isReady(Pod pod) {
    return pod.getStatus() != null && pod.getStatus().getConditions() != null
        && pod.getStatus().getConditions().stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }
}
