package io.hatchetoperator.engine.core;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The subset of CEL that Hatchet's SDK examples use for concurrency keys, rate limits and event filters: string,
 * integer, double, bool and null literals, field paths over the context's variables ({@code input.user.id},
 * {@code input["user-id"]}), {@code +}, comparisons ({@code == != < <= > >=}), {@code ! && ||} and parentheses.
 * Typed as cel-go is: {@code +} joins strings or adds numbers, equality of different types is false, ordering or
 * logic on the wrong types is "no such overload", a missing field is "no such key". Hatchet evaluates these with
 * cel-go ({@code internal/cel/cel.go}); JSON numbers reach it as doubles, so ints and doubles compare by value.
 */
public final class CelExpr {

  /** The variables of key and rate-limit expressions (Hatchet's step-run environment, without parents). */
  public static final Set<String> RUN_VARS = Set.of("input", "additional_metadata", "workflow_run_id");
  /** The variables of event filters (Hatchet's event environment). */
  public static final Set<String> EVENT_VARS = Set.of("input", "additional_metadata", "payload", "event_id",
      "event_key");

  /** What the subset accepts, for error messages. */
  public static final String FORMS = "literals, field paths (input.a.b, input[\"a-b\"]), +, == != < <= > >=, !, &&,"
      + " || and parentheses";

  private final String source;
  private final CelNode root;

  private CelExpr(String source, CelNode root) {
    this.source = source;
    this.root = root;
  }

  public String source() {
    return source;
  }

  /** Parses an expression over a run's variables; IllegalArgumentException saying what is not in the subset. */
  public static CelExpr parse(String text) {
    return parse(text, RUN_VARS);
  }

  /** Parses an expression whose paths may start at {@code vars}. */
  public static CelExpr parse(String text, Set<String> vars) {
    CelParser p = new CelParser(text, vars);
    CelNode root = p.expression();
    if (!p.atEnd()) {
      throw new IllegalArgumentException("'" + p.rest() + "' in '" + text + "' is not supported by the dev engine;"
          + " it reads " + FORMS + " over " + new java.util.TreeSet<>(vars));
    }
    return new CelExpr(text, root);
  }

  /** Evaluates over the variables; IllegalStateException with CEL's wording when a value is missing or mistyped. */
  public Object eval(Map<String, Object> vars) {
    return eval(() -> vars);
  }

  /** As {@link #eval(Map)}, reading the variables only when a path refers to one (literals need no parsing). */
  public Object eval(Supplier<Map<String, Object>> vars) {
    return root.eval(vars);
  }

  static String typeName(Object v) {
    return v instanceof String ? "string" : v instanceof Long ? "int" : v instanceof Double ? "double"
        : v instanceof Boolean ? "bool" : v instanceof Map ? "map" : v instanceof List ? "list" : "null_type";
  }

  /** A parsed expression node. */
  interface CelNode {
    Object eval(Supplier<Map<String, Object>> vars);
  }

  /** A literal value. */
  record Lit(Object value) implements CelNode {
    @Override
    public Object eval(Supplier<Map<String, Object>> vars) {
      return value;
    }
  }

  /** A variable followed by field names. */
  record Path(String var, List<String> fields) implements CelNode {
    @Override
    public Object eval(Supplier<Map<String, Object>> vars) {
      Object v = vars.get().get(var);
      for (String f : fields) {
        if (!(v instanceof Map<?, ?> m) || !m.containsKey(f)) {
          throw new IllegalStateException("no such key: " + f);
        }
        v = m.get(f);
      }
      return v instanceof Integer n ? Long.valueOf(n) : v instanceof Float f ? Double.valueOf(f) : v;
    }
  }

  /** Logical negation. */
  record Not(CelNode operand) implements CelNode {
    @Override
    public Object eval(Supplier<Map<String, Object>> vars) {
      Object v = operand.eval(vars);
      if (!(v instanceof Boolean b)) {
        throw new IllegalStateException("no such overload: !" + typeName(v));
      }
      return !b;
    }
  }

  /** A binary operator. */
  record Binary(String op, CelNode left, CelNode right) implements CelNode {
    @Override
    public Object eval(Supplier<Map<String, Object>> vars) {
      Object l = left.eval(vars);
      if (op.equals("&&") || op.equals("||")) {
        if (!(l instanceof Boolean lb)) {
          throw new IllegalStateException("no such overload: " + typeName(l) + " " + op + " ...");
        }
        if (op.equals("&&") ? !lb : lb) {
          return lb;
        }
        Object r = right.eval(vars);
        if (!(r instanceof Boolean rb)) {
          throw new IllegalStateException("no such overload: bool " + op + " " + typeName(r));
        }
        return rb;
      }
      return CelOps.apply(op, l, right.eval(vars));
    }
  }
}
