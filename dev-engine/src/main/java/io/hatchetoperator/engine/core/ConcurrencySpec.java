package io.hatchetoperator.engine.core;

import io.hatchetoperator.proto.v1.Concurrency;
import io.hatchetoperator.proto.v1.ConcurrencyLimitStrategy;

/**
 * One concurrency strategy of a task: the key expression, at most {@code maxRuns} admitted tasks per key, and what
 * happens to the others (Hatchet's v1 strategies, {@code pkg/scheduling/v1/concurrency/strategy.go}).
 *
 * @param id identifies the strategy (workflow, task) so equal keys of different tasks never share slots
 */
public record ConcurrencySpec(String id, CelExpr key, int maxRuns, ConcurrencyLimitStrategy strategy) {

  /** Reads and checks one proto strategy; INVALID_ARGUMENT naming {@code field} for what the engine cannot do. */
  static ConcurrencySpec of(String id, String field, Concurrency c) {
    if (c.getExpression().isBlank()) {
      throw EngineException.invalid(field + ".expression is empty; a CEL expression is required for concurrency"
          + " (e.g. input.user_id)");
    }
    CelExpr key;
    try {
      key = CelExpr.parse(c.getExpression());
    } catch (IllegalArgumentException e) {
      throw EngineException.invalid(field + ".expression: " + e.getMessage());
    }
    int maxRuns = c.hasMaxRuns() ? c.getMaxRuns() : 1;
    if (maxRuns < 1) {
      throw EngineException.invalid(field + ".max_runs = " + maxRuns + " would never run a task; use 1 or more");
    }
    ConcurrencyLimitStrategy s = c.getLimitStrategy();
    if (s != ConcurrencyLimitStrategy.CANCEL_IN_PROGRESS && s != ConcurrencyLimitStrategy.GROUP_ROUND_ROBIN
        && s != ConcurrencyLimitStrategy.CANCEL_NEWEST) {
      throw EngineException.invalid(field + ".limit_strategy = " + s + " is not a v1 strategy; use GROUP_ROUND_ROBIN,"
          + " CANCEL_IN_PROGRESS or CANCEL_NEWEST (Hatchet's validator accepts only these)");
    }
    return new ConcurrencySpec(id, key, maxRuns, s);
  }
}
