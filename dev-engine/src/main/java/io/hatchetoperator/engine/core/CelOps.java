package io.hatchetoperator.engine.core;

import java.util.Objects;

/** The typed binary operators of {@link CelExpr}: {@code +}, equality and ordering, as cel-go applies them. */
final class CelOps {

  private CelOps() {}

  static Object apply(String op, Object l, Object r) {
    switch (op) {
      case "+" -> {
        if (l instanceof String a && r instanceof String b) {
          return a + b;
        }
        if (l instanceof Long a && r instanceof Long b) {
          return a + b;
        }
        if (l instanceof Double a && r instanceof Double b) {
          return a + b;
        }
        throw overload(l, op, r);
      }
      case "==" -> {
        return equal(l, r);
      }
      case "!=" -> {
        return !equal(l, r);
      }
      default -> {
        int c = compare(l, op, r);
        return switch (op) {
          case "<" -> c < 0;
          case "<=" -> c <= 0;
          case ">" -> c > 0;
          default -> c >= 0;
        };
      }
    }
  }

  /** Heterogeneous equality: numbers by value, other types must match, different types are not equal. */
  private static boolean equal(Object l, Object r) {
    if (l instanceof Number a && r instanceof Number b) {
      return a.doubleValue() == b.doubleValue();
    }
    return Objects.equals(l, r);
  }

  private static int compare(Object l, String op, Object r) {
    if (l instanceof Number a && r instanceof Number b) {
      return Double.compare(a.doubleValue(), b.doubleValue());
    }
    if (l instanceof String a && r instanceof String b) {
      return a.compareTo(b);
    }
    if (l instanceof Boolean a && r instanceof Boolean b) {
      return Boolean.compare(a, b);
    }
    throw overload(l, op, r);
  }

  private static IllegalStateException overload(Object l, String op, Object r) {
    return new IllegalStateException("no such overload: " + CelExpr.typeName(l) + " " + op + " "
        + CelExpr.typeName(r));
  }
}
