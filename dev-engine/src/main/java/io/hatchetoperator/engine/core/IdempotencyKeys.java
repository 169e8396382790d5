package io.hatchetoperator.engine.core;

import io.hatchetoperator.proto.v1.IdempotencyConfig;
import io.hatchetoperator.proto.v1.IdempotencyMethod;
import java.util.HashMap;
import java.util.Map;

/**
 * Idempotency keys as Hatchet claims them ({@code ClaimIdempotencyKeys} in
 * {@code pkg/repository/sqlcv1/idempotency-keys.sql}, {@code evalIdempotencyKey} in {@code pkg/repository/trigger.go}):
 * a run of a workflow with an idempotency expression claims its key for {@code ttl_ms}; a trigger whose key is held and
 * not expired collides with the holder. With the STATUS method the key is also released when the run ends
 * ({@code ReleaseIdempotencyKeys}). Keys are per tenant. Not thread-safe: used under the scheduler's lock.
 */
final class IdempotencyKeys {

  /** A workflow's idempotency setting. */
  record Spec(CelExpr key, long ttlMs, boolean releaseOnEnd) {

    static Spec of(String wf, IdempotencyConfig c) {
      String field = "idempotency of workflow '" + wf + "'";
      if (c.getExpression().isBlank()) {
        throw EngineException.invalid(field + ".expression is empty; give a CEL expression such as input.order_id");
      }
      if (c.getTtlMs() < 1) {
        throw EngineException.invalid(field + ".ttl_ms = " + c.getTtlMs() + "; use 1 or more milliseconds");
      }
      try {
        return new Spec(CelExpr.parse(c.getExpression()), c.getTtlMs(), c.getMethod() == IdempotencyMethod.STATUS);
      } catch (IllegalArgumentException e) {
        throw EngineException.invalid(field + ".expression: " + e.getMessage());
      }
    }
  }

  private record Claim(String runId, long expiresAtMillis) {}

  /** Hatchet's reserved prefix ({@code internalIdempotencyKeyPrefix}). */
  static final String RESERVED = "hatchet_internal_";

  private final Map<String, Claim> claims = new HashMap<>();

  /** The run holding {@code key} now, or null when it is free or expired. */
  String holder(String key, long now) {
    Claim c = claims.get(key);
    return c == null || c.expiresAtMillis() <= now ? null : c.runId();
  }

  void claim(String key, String runId, long expiresAtMillis) {
    claims.put(key, new Claim(runId, expiresAtMillis));
  }

  /** Releases {@code key} if {@code runId} still holds it (STATUS method, the run ended). */
  void release(String key, String runId) {
    Claim c = claims.get(key);
    if (c != null && c.runId().equals(runId)) {
      claims.remove(key);
    }
  }

  /** Forgets expired claims ({@code CleanUpExpiredIdempotencyKeys}). */
  void purge(long now) {
    claims.values().removeIf(c -> c.expiresAtMillis() <= now);
  }

  /** Evaluates a workflow's key for a trigger; INVALID_ARGUMENT naming the expression when it cannot. */
  static String evaluate(String wf, Spec spec, TriggerRequest r) {
    Map<String, Object> vars = new HashMap<>();
    vars.put("input", RunVars.parse(r.inputJson()));
    vars.put("additional_metadata", RunVars.parse(r.metadataJson()));
    Object v;
    try {
      v = spec.key().eval(vars);
    } catch (IllegalStateException e) {
      throw EngineException.invalid("idempotency key of workflow '" + wf + "' could not be evaluated ("
          + spec.key().source() + "): " + e.getMessage() + "; fix the input or the expression");
    }
    if (!(v instanceof String key)) {
      throw EngineException.invalid("idempotency key of workflow '" + wf + "' (" + spec.key().source()
          + ") must evaluate to a string, got " + CelExpr.typeName(v));
    }
    if (key.startsWith(RESERVED)) {
      throw EngineException.invalid("idempotency key '" + key + "' of workflow '" + wf + "' uses the reserved prefix '"
          + RESERVED + "'; choose another key");
    }
    return key;
  }
}
