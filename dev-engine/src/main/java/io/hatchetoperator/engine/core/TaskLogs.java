package io.hatchetoperator.engine.core;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Task log lines from PutLog, kept as Hatchet validates and lists them (hatchet-dev/hatchet
 * {@code internal/services/ingestor/server_v1.go} putLogV1, {@code pkg/repository/log_line.go},
 * {@code pkg/repository/sqlcv1/log_line.sql}): message 1..10,000 characters, level DEBUG/INFO/WARN/ERROR (INFO when
 * absent), metadata a JSON object. Bounded: the last {@link #PER_TASK} lines of each of the last {@link #TASKS} tasks.
 */
public final class TaskLogs {

  static final int PER_TASK = 1_000;
  static final int TASKS = 10_000;
  static final int MAX_MESSAGE = 10_000;
  private static final Set<String> LEVELS = Set.of("DEBUG", "INFO", "WARN", "ERROR");

  /** One line; {@code retryCount} is the attempt's retry count (Hatchet's attempt is one more). */
  public record Line(long createdAtMillis, String message, String level, String metadataJson, String taskExternalId,
      String taskDisplayName, int retryCount) { }

  /** A list query: null fields do not filter; {@code ascending} is Hatchet's default order. */
  public record Query(int limit, Long since, Long until, String search, Set<String> levels, boolean ascending,
      Integer attempt) { }

  private final Map<String, Deque<Line>> byTask = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Deque<Line>> eldest) {
      return size() > TASKS;
    }
  };

  /** Checks a line as Hatchet's ingestor does and keeps it. */
  public void put(Line line) {
    if (line.message().isEmpty() || line.message().length() > MAX_MESSAGE) {
      throw EngineException.invalid("message has " + line.message().length() + " characters; a log line needs 1 to "
          + MAX_MESSAGE);
    }
    if (!LEVELS.contains(line.level())) {
      throw EngineException.invalid("level = '" + line.level() + "' is not one of DEBUG, INFO, WARN, ERROR");
    }
    synchronized (byTask) {
      Deque<Line> lines = byTask.computeIfAbsent(line.taskExternalId(), k -> new ArrayDeque<>());
      if (lines.size() == PER_TASK) {
        lines.removeFirst();
      }
      lines.addLast(line);
    }
  }

  /** The level as stored: INFO when absent, upper-cased otherwise. */
  public static String level(String given) {
    return given == null || given.isBlank() ? "INFO" : given.trim().toUpperCase(Locale.ROOT);
  }

  /** The task's lines matching {@code q}, in creation order (or reversed), at most {@code q.limit()}. */
  public List<Line> list(String taskExternalId, Query q) {
    List<Line> all;
    synchronized (byTask) {
      Deque<Line> lines = byTask.get(taskExternalId);
      all = lines == null ? List.of() : new ArrayList<>(lines);
    }
    List<Line> out = new ArrayList<>();
    String search = q.search() == null ? null : q.search().toLowerCase(Locale.ROOT);
    for (Line l : all) {
      if ((q.since() == null || l.createdAtMillis() >= q.since()) && (q.until() == null || l.createdAtMillis() <= q.until())
          && (search == null || l.message().toLowerCase(Locale.ROOT).contains(search))
          && (q.levels() == null || q.levels().isEmpty() || q.levels().contains(l.level()))
          && (q.attempt() == null || l.retryCount() + 1 == q.attempt())) {
        out.add(l);
      }
    }
    out.sort((a, b) -> Long.compare(a.createdAtMillis(), b.createdAtMillis())); // stable: ties keep arrival order
    if (!q.ascending()) {
      java.util.Collections.reverse(out);
    }
    return out.size() > q.limit() ? out.subList(0, q.limit()) : out;
  }
}
