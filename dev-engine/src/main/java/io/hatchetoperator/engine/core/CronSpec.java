package io.hatchetoperator.engine.core;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A cron expression as Hatchet's ticker reads it (gocron {@code CronJob(expr, true)} over robfig/cron, in UTC): five
 * fields (minute hour day-of-month month day-of-week) or six with leading seconds; {@code *}, {@code ?}, numbers,
 * names (JAN, MON), ranges, lists and steps; the {@code @hourly}-style descriptors. Anything else is rejected.
 */
public final class CronSpec {

  private static final Map<String, String> DESCRIPTORS = Map.of("@yearly", "0 0 0 1 1 *", "@annually", "0 0 0 1 1 *",
      "@monthly", "0 0 0 1 * *", "@weekly", "0 0 0 * * 0", "@daily", "0 0 0 * * *", "@midnight", "0 0 0 * * *",
      "@hourly", "0 0 * * * *");
  private static final List<String> MONTHS = List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP",
      "OCT", "NOV", "DEC");
  private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");

  private final String text;
  private final BitSet seconds;
  private final BitSet minutes;
  private final BitSet hours;
  private final BitSet daysOfMonth;
  private final BitSet months;
  private final BitSet daysOfWeek;
  /** Hatchet (robfig) ANDs day-of-month and day-of-week when either is a star, and ORs them otherwise. */
  private final boolean dayStar;

  private CronSpec(String text, String[] f) {
    this.text = text;
    seconds = field(text, "seconds", f[0], 0, 59, List.of());
    minutes = field(text, "minutes", f[1], 0, 59, List.of());
    hours = field(text, "hours", f[2], 0, 23, List.of());
    daysOfMonth = field(text, "day of month", f[3], 1, 31, List.of());
    months = field(text, "month", f[4], 1, 12, MONTHS);
    daysOfWeek = field(text, "day of week", f[5], 0, 6, DAYS);
    dayStar = f[3].startsWith("*") || f[3].startsWith("?") || f[5].startsWith("*") || f[5].startsWith("?");
  }

  /** Parses {@code expr}; {@code field} names where it came from in the error. */
  public static CronSpec parse(String field, String expr) {
    String text = expr.trim();
    String spec = DESCRIPTORS.getOrDefault(text.toLowerCase(Locale.ROOT), text);
    if (spec.startsWith("@") || spec.toUpperCase(Locale.ROOT).startsWith("TZ=") || spec.startsWith("CRON_TZ=")) {
      throw EngineException.invalid(field + " = '" + expr + "' is not supported by the dev engine; use five fields"
          + " (minute hour day-of-month month day-of-week), six with leading seconds, or @hourly/@daily/@weekly/@monthly/"
          + "@yearly (crons run in UTC)");
    }
    String[] parts = spec.split("\\s+");
    if (parts.length != 5 && parts.length != 6) {
      throw EngineException.invalid(field + " = '" + expr + "' has " + parts.length + " fields; a cron needs five"
          + " (minute hour day-of-month month day-of-week) or six with leading seconds, e.g. '*/5 * * * *'");
    }
    String[] six = parts.length == 6 ? parts : new String[] {"0", parts[0], parts[1], parts[2], parts[3], parts[4]};
    try {
      return new CronSpec(text, six);
    } catch (IllegalArgumentException e) {
      throw EngineException.invalid(field + " = '" + expr + "': " + e.getMessage());
    }
  }

  /** The first fire time strictly after {@code afterMillis} (UTC), or -1 when there is none within five years. */
  public long nextAfter(long afterMillis) {
    LocalDateTime t = LocalDateTime.ofEpochSecond(Math.floorDiv(afterMillis, 1000) + 1, 0, ZoneOffset.UTC);
    LocalDateTime limit = t.plusYears(5);
    while (t.isBefore(limit)) {
      if (!months.get(t.getMonthValue())) {
        t = t.withDayOfMonth(1).toLocalDate().atStartOfDay().plusMonths(1);
      } else if (!dayMatches(t)) {
        t = t.toLocalDate().atStartOfDay().plusDays(1);
      } else if (!hours.get(t.getHour())) {
        t = t.withMinute(0).withSecond(0).plusHours(1);
      } else if (!minutes.get(t.getMinute())) {
        t = t.withSecond(0).plusMinutes(1);
      } else if (!seconds.get(t.getSecond())) {
        t = t.plusSeconds(1);
      } else {
        return t.toInstant(ZoneOffset.UTC).toEpochMilli();
      }
    }
    return -1;
  }

  private boolean dayMatches(LocalDateTime t) {
    boolean dom = daysOfMonth.get(t.getDayOfMonth());
    boolean dow = daysOfWeek.get(t.getDayOfWeek().getValue() % 7);
    return dayStar ? dom && dow : dom || dow;
  }

  @Override
  public String toString() {
    return text;
  }

  private static BitSet field(String expr, String name, String f, int min, int max, List<String> names) {
    BitSet bits = new BitSet(max + 1);
    for (String part : f.split(",", -1)) {
      int step = 1;
      String range = part;
      int slash = part.indexOf('/');
      if (slash >= 0) {
        step = number(name, part.substring(slash + 1), 1, max, List.of());
        range = part.substring(0, slash);
      }
      int lo;
      int hi;
      if (range.equals("*") || range.equals("?")) {
        lo = min;
        hi = max;
      } else if (range.contains("-")) {
        String[] ends = range.split("-", -1);
        if (ends.length != 2) {
          throw new IllegalArgumentException(name + " range '" + range + "' needs the form a-b");
        }
        lo = number(name, ends[0], min, max, names);
        hi = number(name, ends[1], min, max, names);
      } else {
        lo = number(name, range, min, max, names);
        hi = slash >= 0 ? max : lo;
      }
      if (lo > hi) {
        throw new IllegalArgumentException(name + " range '" + range + "' starts after it ends");
      }
      for (int v = lo; v <= hi; v += step) {
        bits.set(v);
      }
    }
    return bits;
  }

  private static int number(String name, String s, int min, int max, List<String> names) {
    int named = names.indexOf(s.toUpperCase(Locale.ROOT));
    if (named >= 0) {
      return named + min;
    }
    try {
      int v = Integer.parseInt(s);
      if (v >= min && v <= max) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(name + " value '" + s + "' is not a number from " + min + " to " + max
        + (names.isEmpty() ? "" : " or a name such as " + names.get(0))
        + " (the dev engine supports *, ?, numbers, names, a-b ranges, lists and /steps)");
  }
}
