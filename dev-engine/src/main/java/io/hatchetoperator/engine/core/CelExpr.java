package io.hatchetoperator.engine.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The subset of CEL that Hatchet's SDK examples use for concurrency keys and rate-limit keys, units and limits:
 * string and integer literals, field paths over {@code input}, {@code additional_metadata} and
 * {@code workflow_run_id} ({@code input.user.id}, {@code input["user-id"]}), joined by {@code +}. Typed as CEL is:
 * {@code +} joins two strings or adds two integers, anything else is an error, as is a missing field ("no such
 * key"). Hatchet evaluates these with cel-go over the same variables ({@code internal/cel/cel.go}).
 */
public final class CelExpr {

  /** What the subset accepts, for error messages. */
  public static final String FORMS = "string or integer literals, field paths over input, additional_metadata and"
      + " workflow_run_id (input.a.b, input[\"a-b\"]), joined with +";

  private final String source;
  private final List<List<Object>> terms;

  private CelExpr(String source, List<List<Object>> terms) {
    this.source = source;
    this.terms = terms;
  }

  public String source() {
    return source;
  }

  /** Parses {@code text}; IllegalArgumentException saying what is not in the subset. */
  public static CelExpr parse(String text) {
    CelLexer lx = new CelLexer(text);
    List<List<Object>> terms = new ArrayList<>();
    do {
      terms.add(term(lx, text));
    } while (lx.eat('+'));
    if (!lx.atEnd()) {
      throw new IllegalArgumentException("'" + lx.rest() + "' in '" + text + "' is not supported by the dev engine;"
          + " it reads " + FORMS);
    }
    return new CelExpr(text, terms);
  }

  /** A term is a literal (one element) or a root variable followed by field names. */
  private static List<Object> term(CelLexer lx, String text) {
    Object lit = lx.literal();
    if (lit != null) {
      return List.of(lit);
    }
    String root = lx.ident();
    if (!List.of("input", "additional_metadata", "workflow_run_id").contains(root)) {
      throw new IllegalArgumentException("'" + (root.isEmpty() ? lx.rest() : root) + "' in '" + text + "' is not"
          + " supported by the dev engine; it reads " + FORMS);
    }
    List<Object> path = new ArrayList<>();
    path.add(new Var(root));
    while (true) {
      if (lx.eat('.')) {
        path.add(lx.ident());
      } else if (lx.eat('[')) {
        Object key = lx.literal();
        if (!(key instanceof String) || !lx.eat(']')) {
          throw new IllegalArgumentException("only [\"name\"] indexing is supported in '" + text + "'");
        }
        path.add(key);
      } else {
        return path;
      }
    }
  }

  private record Var(String name) {}

  /** Evaluates over the run's variables; IllegalStateException with CEL's wording when a value is missing or mistyped. */
  public Object eval(Map<String, Object> vars) {
    Object acc = null;
    for (List<Object> term : terms) {
      Object v = value(term, vars);
      if (acc == null) {
        acc = v;
      } else if (acc instanceof String a && v instanceof String b) {
        acc = a + b;
      } else if (acc instanceof Long a && v instanceof Long b) {
        acc = a + b;
      } else {
        throw new IllegalStateException("no such overload: " + typeName(acc) + " + " + typeName(v));
      }
    }
    return acc;
  }

  private static Object value(List<Object> term, Map<String, Object> vars) {
    if (!(term.get(0) instanceof Var var)) {
      return term.get(0);
    }
    Object v = vars.get(var.name());
    for (int i = 1; i < term.size(); i++) {
      if (!(v instanceof Map<?, ?> m) || !m.containsKey(term.get(i))) {
        throw new IllegalStateException("no such key: " + term.get(i));
      }
      v = m.get(term.get(i));
    }
    if (v instanceof Integer n) {
      return n.longValue();
    }
    return v;
  }

  static String typeName(Object v) {
    return v instanceof String ? "string" : v instanceof Long ? "int" : v instanceof Double ? "double"
        : v instanceof Boolean ? "bool" : v instanceof Map ? "map" : v instanceof List ? "list" : "null_type";
  }
}
