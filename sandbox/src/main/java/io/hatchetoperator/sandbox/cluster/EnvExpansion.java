package io.hatchetoperator.sandbox.cluster;

import java.util.Map;

/**
 * Kubernetes' {@code $(VAR)} expansion: a reference to a variable defined earlier is replaced by its
 * value, {@code $$} escapes a dollar, and a reference to an unknown variable is left as it is.
 */
public final class EnvExpansion {

  /** Expands {@code $(NAME)} references in {@code value} against {@code defined}. */
  public static String expand(String value, Map<String, String> defined) {
    StringBuilder out = new StringBuilder(value.length());
    int i = 0;
    while (i < value.length()) {
      char c = value.charAt(i);
      if (c == '$' && i + 1 < value.length()) {
        char next = value.charAt(i + 1);
        if (next == '$') {
          out.append('$');
          i += 2;
          continue;
        }
        int close = next == '(' ? value.indexOf(')', i + 2) : -1;
        if (close > 0) {
          String name = value.substring(i + 2, close);
          String resolved = defined.get(name);
          if (resolved != null) {
            out.append(resolved);
          } else {
            out.append(value, i, close + 1);
          }
          i = close + 1;
          continue;
        }
      }
      out.append(c);
      i++;
    }
    return out.toString();
  }

  private EnvExpansion() {}
}
