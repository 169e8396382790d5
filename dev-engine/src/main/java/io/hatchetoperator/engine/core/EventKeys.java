package io.hatchetoperator.engine.core;

/** Event-trigger patterns as Hatchet matches them: SQL LIKE after {@code *} becomes {@code %} (case-sensitive). */
final class EventKeys {

  private EventKeys() {}

  /** Whether {@code key} matches {@code pattern}: {@code *} and {@code %} any run of characters, {@code _} one. */
  static boolean matches(String pattern, String key) {
    return match(pattern, 0, key, 0);
  }

  private static boolean match(String p, int i, String k, int j) {
    while (i < p.length()) {
      char c = p.charAt(i);
      if (c == '*' || c == '%') {
        while (i < p.length() && (p.charAt(i) == '*' || p.charAt(i) == '%')) {
          i++;
        }
        if (i == p.length()) {
          return true;
        }
        for (int from = j; from <= k.length(); from++) {
          if (match(p, i, k, from)) {
            return true;
          }
        }
        return false;
      }
      if (j >= k.length() || (c != '_' && c != k.charAt(j))) {
        return false;
      }
      i++;
      j++;
    }
    return j == k.length();
  }
}
