package io.hatchetoperator.sandbox.report;

import java.util.List;

/**
 * One pool at the end of a run, in {@code report.json}'s {@code pools}.
 *
 * @param name the pool's {@code metadata.name}
 * @param maxReplicas the highest {@code spec.replicas} of its Deployment during the run
 * @param finalReplicas its Deployment's {@code spec.replicas} at the end
 * @param restarts container restarts of its pods (exits and liveness failures), pods already gone included
 * @param conditions the pool's {@code status.conditions} at the end
 */
public record PoolSummary(String name, int maxReplicas, int finalReplicas, int restarts,
    List<PoolCondition> conditions) {

  /** One status condition of the pool, as {@code kubectl describe} shows it. */
  public record PoolCondition(String type, String status, String reason, String message) {}

  /** The condition of {@code type}, or null when the pool has none. */
  public PoolCondition condition(String type) {
    return conditions.stream().filter(c -> c.type().equals(type)).findFirst().orElse(null);
  }
}
