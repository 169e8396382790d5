package io.hatchetoperator.engine.core;

/** Reads the tokens of {@link CelExpr}'s subset: identifiers, quoted strings, numbers and operators. */
final class CelLexer {

  private final String text;
  private int pos;

  CelLexer(String text) {
    this.text = text;
  }

  private void skipSpace() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }

  boolean atEnd() {
    skipSpace();
    return pos >= text.length();
  }

  String rest() {
    return text.substring(Math.min(pos, text.length()));
  }

  boolean eat(char c) {
    skipSpace();
    if (pos < text.length() && text.charAt(pos) == c) {
      pos++;
      return true;
    }
    return false;
  }

  /** Consumes {@code op} when it starts here and is not the start of a longer operator ({@code <} of {@code <=}). */
  boolean eatOp(String op) {
    skipSpace();
    if (!text.startsWith(op, pos)) {
      return false;
    }
    int end = pos + op.length();
    if (op.length() == 1 && end < text.length() && text.charAt(end) == '=' && "<>!=".indexOf(op.charAt(0)) >= 0) {
      return false;
    }
    pos = end;
    return true;
  }

  /** An identifier, or "" when none starts here. */
  String ident() {
    skipSpace();
    int start = pos;
    while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
      pos++;
    }
    return text.substring(start, pos);
  }

  /** A string (single or double quotes, backslash escapes) or an integer (as Long), else null. */
  Object literal() {
    skipSpace();
    if (pos >= text.length()) {
      return null;
    }
    char c = text.charAt(pos);
    if (c == '"' || c == '\'') {
      StringBuilder out = new StringBuilder();
      int i = pos + 1;
      while (i < text.length() && text.charAt(i) != c) {
        char ch = text.charAt(i);
        if (ch == '\\' && i + 1 < text.length()) {
          char n = text.charAt(++i);
          ch = n == 'n' ? '\n' : n == 't' ? '\t' : n;
        }
        out.append(ch);
        i++;
      }
      if (i >= text.length()) {
        throw new IllegalArgumentException("unterminated string in '" + text + "'");
      }
      pos = i + 1;
      return out.toString();
    }
    if (Character.isDigit(c) || (c == '-' && pos + 1 < text.length() && Character.isDigit(text.charAt(pos + 1)))) {
      int start = pos++;
      while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
        pos++;
      }
      if (pos + 1 < text.length() && text.charAt(pos) == '.' && Character.isDigit(text.charAt(pos + 1))) {
        pos++;
        while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
          pos++;
        }
        return Double.parseDouble(text.substring(start, pos));
      }
      return Long.parseLong(text.substring(start, pos));
    }
    return null;
  }
}
