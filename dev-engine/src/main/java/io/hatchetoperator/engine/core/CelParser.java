package io.hatchetoperator.engine.core;

import io.hatchetoperator.engine.core.CelExpr.Binary;
import io.hatchetoperator.engine.core.CelExpr.CelNode;
import io.hatchetoperator.engine.core.CelExpr.Lit;
import io.hatchetoperator.engine.core.CelExpr.Not;
import io.hatchetoperator.engine.core.CelExpr.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Recursive descent over CEL's precedence: {@code || && (== !=) (< <= > >=) + !}, then literals, paths, parens. */
final class CelParser {

  private static final List<List<String>> LEVELS = List.of(List.of("||"), List.of("&&"), List.of("==", "!="),
      List.of("<=", ">=", "<", ">"), List.of("+"));

  private final String text;
  private final Set<String> vars;
  private final CelLexer lx;

  CelParser(String text, Set<String> vars) {
    this.text = text;
    this.vars = vars;
    this.lx = new CelLexer(text);
  }

  boolean atEnd() {
    return lx.atEnd();
  }

  String rest() {
    return lx.rest();
  }

  CelNode expression() {
    return level(0);
  }

  private CelNode level(int i) {
    if (i == LEVELS.size()) {
      return unary();
    }
    CelNode left = level(i + 1);
    while (true) {
      String op = LEVELS.get(i).stream().filter(lx::eatOp).findFirst().orElse(null);
      if (op == null) {
        return left;
      }
      left = new Binary(op, left, level(i + 1));
    }
  }

  private CelNode unary() {
    if (lx.eatOp("!")) {
      return new Not(unary());
    }
    if (lx.eat('(')) {
      CelNode inner = expression();
      if (!lx.eat(')')) {
        throw unsupported();
      }
      return inner;
    }
    Object lit = lx.literal();
    if (lit != null) {
      return new Lit(lit);
    }
    String name = lx.ident();
    switch (name) {
      case "true" -> {
        return new Lit(Boolean.TRUE);
      }
      case "false" -> {
        return new Lit(Boolean.FALSE);
      }
      case "null" -> {
        return new Lit(null);
      }
      default -> { }
    }
    if (!vars.contains(name)) {
      throw new IllegalArgumentException("'" + (name.isEmpty() ? lx.rest() : name) + "' in '" + text + "' is not"
          + " supported by the dev engine; it reads " + CelExpr.FORMS + " over " + new java.util.TreeSet<>(vars));
    }
    List<String> fields = new ArrayList<>();
    while (true) {
      if (lx.eat('.')) {
        String f = lx.ident();
        if (f.isEmpty() || lx.eat('(')) {
          throw unsupported();
        }
        fields.add(f);
      } else if (lx.eat('[')) {
        Object key = lx.literal();
        if (!(key instanceof String s) || !lx.eat(']')) {
          throw new IllegalArgumentException("only [\"name\"] indexing is supported in '" + text + "'");
        }
        fields.add(s);
      } else {
        return new Path(name, List.copyOf(fields));
      }
    }
  }

  private IllegalArgumentException unsupported() {
    return new IllegalArgumentException("'" + lx.rest() + "' in '" + text + "' is not supported by the dev engine; it"
        + " reads " + CelExpr.FORMS);
  }
}
