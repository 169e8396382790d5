package io.hatchetoperator.operator.autoscaling;

import io.hatchetoperator.operator.api.HatchetWorkerPool;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Explains a manual {@code kubectl scale} of an autoscaled pool (which writes {@code spec.replicas})
 * with a Warning Event, once per value, instead of overwriting it silently.
 */
final class ManualScaleNotice {

  private final KubernetesEventSink events;
  private final Clock clock;
  private final Map<String, Integer> seen = new ConcurrentHashMap<>();

  ManualScaleNotice(KubernetesEventSink events, Clock clock) {
    this.events = events;
    this.clock = clock;
  }

  /** Looks at {@code pool}'s spec.replicas; {@code current} is the count autoscaling keeps. */
  void check(String key, HatchetWorkerPool pool, int current) {
    Integer manual = pool.getSpec().replicas();
    if (manual == null) {
      seen.remove(key);
      return;
    }
    if (!manual.equals(seen.put(key, manual))) {
      events.emit(key, "ManualScaleIgnored", true, "spec.replicas was set to " + manual
          + " (kubectl scale?) while autoscaling is on; the autoscaler keeps deciding (now "
          + current + "). To pin the size, set spec.autoscaling.minReplicas and maxReplicas to "
          + manual + ", or remove spec.autoscaling to scale by hand", clock.instant());
    }
  }

  void forget(String key) {
    seen.remove(key);
  }
}
