package io.hatchetoperator.engine.core;

import java.util.ArrayList;
import java.util.List;

/**
 * Rate limits at assignment: a task's keys and units are resolved once, its units taken when a worker is found; a
 * task whose key is short leaves its queue until the key refills. Under the scheduler's lock.
 */
final class RateLimitAdmission {

  private final TenantState s;

  RateLimitAdmission(TenantState s) {
    this.s = s;
  }

  /** Evaluates the task's rate limits once (dynamic limits are created or updated); the error when it cannot. */
  String resolve(TaskRun t, long now) {
    java.util.Map<String, Long> units = new java.util.LinkedHashMap<>();
    List<RateLimitSpec.Resolved> dynamic = new ArrayList<>();
    try {
      for (RateLimitSpec spec : t.def.rateLimits()) {
        RateLimitSpec.Resolved r = spec.resolve(() -> RunVars.of(t.run));
        if (r.limit() != null) {
          s.rateLimits.putDynamic(r.key(), r.limit(), r.window(), now);
          dynamic.add(r);
        }
        units.merge(r.key(), r.units(), Long::sum);
      }
    } catch (IllegalStateException e) {
      return e.getMessage();
    }
    t.rateUnits = units;
    t.rateDynamic = dynamic;
    return null;
  }

  /**
   * Takes the task's rate-limit units before it starts; when a key is short the task leaves its queue until the key's
   * next refill (so the tasks behind it are not blocked) and false is returned.
   */
  boolean take(TaskRun t, long now) {
    if (t.rateUnits == null || t.rateUnits.isEmpty()) {
      return true;
    }
    for (RateLimitSpec.Resolved r : t.rateDynamic) {
      s.rateLimits.ensureDynamic(r.key(), r.limit(), r.window(), now);
    }
    RateLimits.Exceeded ex = s.rateLimits.use(t.rateUnits, now);
    if (ex == null) {
      t.rateNote = null;
      return true;
    }
    s.queues.pop(t.def.action());
    t.rateRetryAtMillis = ex.retryAtMillis();
    t.rateNote = ex.missing() ? "rate limit '" + ex.key() + "' does not exist; create it with PutRateLimit"
        + " (hatchet.ratelimits.upsert) or give the task a limit value"
        : "rate limit '" + ex.key() + "' had " + ex.value() + " of the " + ex.units() + " units it needs";
    s.rateLimited.add(t);
    return false;
  }

  /** Takes the parked tasks due for another try (all of them after a PutRateLimit), oldest first. */
  List<TaskRun> due(long now, boolean all) {
    List<TaskRun> due = new ArrayList<>();
    s.rateLimited.removeIf(t -> {
      if (t.state != TaskState.QUEUED) {
        return true;
      }
      if (all || now >= t.rateRetryAtMillis) {
        due.add(t);
        return true;
      }
      return false;
    });
    due.sort(java.util.Comparator.comparingLong(t -> t.seq));
    return due;
  }
}
