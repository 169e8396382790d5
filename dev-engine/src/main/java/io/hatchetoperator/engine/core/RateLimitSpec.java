package io.hatchetoperator.engine.core;

import io.hatchetoperator.proto.v1.CreateTaskRateLimit;
import java.util.Map;

/**
 * One rate limit of a task, read as Hatchet reads it ({@code pkg/repository/workflow.go}, step rate limits): a static
 * key consumes {@code units} (default 1) of a limit created with PutRateLimit; when any of {@code key_expr},
 * {@code units_expr} or {@code limit_values_expr} is set, all parts are expressions over the run (a static key
 * becomes a literal) and a limit value other than -1 creates or updates the limit with {@code window}.
 *
 * @param limit the limit value expression, or null when none (Hatchet's -1 sentinel)
 * @param window SECOND, MINUTE (the default), HOUR, DAY, WEEK, MONTH or YEAR
 */
public record RateLimitSpec(String field, CelExpr key, CelExpr units, CelExpr limit, String window) {

  /** The key, units and limit of one task of a run. */
  public record Resolved(String key, long units, Long limit, String window) {}

  static RateLimitSpec of(String field, CreateTaskRateLimit r) {
    if (r.getKey().isBlank() && !r.hasKeyExpr()) {
      throw EngineException.invalid(field + ".key is empty; name the rate limit (static key) or set key_expr");
    }
    CelExpr key = r.hasKeyExpr() ? parse(field + ".key_expr", r.getKeyExpr()) : literal("\"" + r.getKey()
        .replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
    CelExpr units = r.hasUnitsExpr() ? parse(field + ".units_expr", r.getUnitsExpr())
        : literal(Long.toString(r.hasUnits() ? r.getUnits() : 1));
    CelExpr limit = r.hasLimitValuesExpr() && !r.getLimitValuesExpr().trim().equals("-1")
        ? parse(field + ".limit_values_expr", r.getLimitValuesExpr()) : null;
    if (r.hasKeyExpr() && limit == null) {
      throw EngineException.invalid(field + " has key_expr '" + r.getKeyExpr() + "' without limit_values_expr: a"
          + " dynamic key needs a limit (the SDKs say 'CEL based keys requires limit to be set')");
    }
    return new RateLimitSpec(field, key, units, limit, r.hasDuration() ? r.getDuration().name() : "MINUTE");
  }

  private static CelExpr literal(String text) {
    return CelExpr.parse(text);
  }

  private static CelExpr parse(String field, String text) {
    try {
      return CelExpr.parse(text);
    } catch (IllegalArgumentException e) {
      throw EngineException.invalid(field + ": " + e.getMessage());
    }
  }

  /** Evaluates over the run; IllegalStateException with Hatchet's wording for a missing or mistyped value. */
  Resolved resolve(java.util.function.Supplier<Map<String, Object>> vars) {
    Object k = eval(key, vars);
    if (!(k instanceof String ks)) {
      throw mistyped(key, "string output for dynamic rate limit key", k);
    }
    Object u = integral(eval(units, vars));
    if (!(u instanceof Long us)) {
      throw mistyped(units, "int output for dynamic rate limit units", u);
    }
    Long lv = null;
    if (limit != null) {
      Object l = integral(eval(limit, vars));
      if (!(l instanceof Long ll)) {
        throw mistyped(limit, "int output for dynamic rate limit value", l);
      }
      lv = ll;
    }
    return new Resolved(ks, us, lv, window);
  }

  /** A double becomes an int, as Hatchet's ParseAndEvalStepRun truncates JSON numbers (which reach cel-go as doubles). */
  private static Object integral(Object v) {
    return v instanceof Double d ? Long.valueOf(d.longValue()) : v;
  }

  private static Object eval(CelExpr e, java.util.function.Supplier<Map<String, Object>> vars) {
    try {
      return e.eval(vars);
    } catch (IllegalStateException ex) {
      throw new IllegalStateException("failed to parse step expression (" + e.source() + "): " + ex.getMessage());
    }
  }

  private static IllegalStateException mistyped(CelExpr e, String expected, Object got) {
    return new IllegalStateException("failed to parse step expression (" + e.source() + "): expected " + expected
        + ", got " + CelExpr.typeName(got));
  }
}
