package io.hatchetoperator.engine.core;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses and formats Go-style duration strings ("30s", "5m", "1h30m", "500ms") as the SDKs send them. */
public final class Durations {

  private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h)");

  private Durations() {}

  /** Parses {@code text}; {@code field} names the request field in the error message. */
  public static Duration parse(String field, String text) {
    if (text == null || text.isBlank()) {
      throw EngineException.invalid(field + " is empty; give a duration such as \"30s\", \"5m\" or \"1h\"");
    }
    Matcher m = PART.matcher(text.trim());
    int end = 0;
    double nanos = 0;
    while (m.find() && m.start() == end) {
      nanos += Double.parseDouble(m.group(1)) * unitNanos(m.group(2));
      end = m.end();
    }
    if (end == 0 || end != text.trim().length()) {
      throw EngineException.invalid(field + " = \"" + text + "\" is not a duration; use a number with a unit"
          + " (ns, us, ms, s, m, h), e.g. \"30s\" or \"1m30s\"");
    }
    return Duration.ofNanos((long) nanos);
  }

  /** Parses {@code text}, or returns {@code fallback} when it is empty. */
  public static Duration parseOr(String field, String text, Duration fallback) {
    return text == null || text.isBlank() ? fallback : parse(field, text);
  }

  /** Formats like Go does for whole seconds: "30s", "5m0s" becomes "5m", "1h" etc. */
  public static String format(Duration d) {
    long s = d.toSeconds();
    if (d.toMillis() % 1000 != 0) {
      return d.toMillis() + "ms";
    }
    if (s % 3600 == 0 && s > 0) {
      return s / 3600 + "h";
    }
    if (s % 60 == 0 && s > 0) {
      return s / 60 + "m";
    }
    return s + "s";
  }

  private static double unitNanos(String unit) {
    return switch (unit) {
      case "ns" -> 1;
      case "us", "µs" -> 1e3;
      case "ms" -> 1e6;
      case "s" -> 1e9;
      case "m" -> 60e9;
      default -> 3600e9;
    };
  }
}
