package io.hatchetoperator.operator.autoscaling;

import io.hatchetoperator.operator.api.HatchetWorkerPool;
import io.hatchetoperator.operator.autoscaling.AutoscalingOutcome.ConditionValue;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One Warning Event when a pool's condition turns False, with the condition's reason and message: not one per
 * tick, and not again after an operator restart when the pool's status already shows it False.
 */
final class TransitionWarnings {

  private final KubernetesEventSink events;
  private final Set<String> announced = ConcurrentHashMap.newKeySet();

  TransitionWarnings(KubernetesEventSink events) {
    this.events = events;
  }

  /** Looks at the new {@code value} of condition {@code type} of {@code pool}; null leaves it as it is. */
  void report(String key, HatchetWorkerPool pool, String type, ConditionValue value, Instant at) {
    if (value == null) {
      return;
    }
    String id = key + "\n" + type;
    if (!"False".equals(value.status())) {
      announced.remove(id);
    } else if (announced.add(id) && !shownFalse(pool, type)) {
      events.emit(key, value.reason(), true, value.message(), at);
    }
  }

  /** Forgets a deleted pool. */
  void forget(String key) {
    announced.removeIf(id -> id.startsWith(key + "\n"));
  }

  private static boolean shownFalse(HatchetWorkerPool pool, String type) {
    return pool.getStatus() != null && pool.getStatus().getConditions() != null
        && pool.getStatus().getConditions().stream().anyMatch(c ->
            type.equals(c.getType()) && "False".equals(c.getStatus()));
  }
}
