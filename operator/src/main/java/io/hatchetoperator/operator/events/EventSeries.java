package io.hatchetoperator.operator.events;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Turns repeated Events into series, the way {@code kubectl describe} shows them ("(x5 over 10m)"): an Event equal
 * to one already written (same object, type, reason and message) becomes an update of that Event's count and
 * lastTimestamp; once an object has had {@value #SIMILAR_LIMIT} different messages for one reason within
 * {@link #SIMILAR_WINDOW}, further ones are combined into a single Event whose message is the latest, prefixed
 * "(combined from similar events): ". The same rules and limits as client-go's EventCorrelator
 * (kubernetes/client-go tools/record/events_cache.go: 10 similar events in 600 s, an LRU of 4096 keys). Not
 * thread-safe on its own: callers synchronize.
 */
public final class EventSeries {

  /** Different messages for one (object, type, reason) before they are combined. */
  static final int SIMILAR_LIMIT = 10;
  /** Window in which similar messages count towards {@link #SIMILAR_LIMIT}. */
  static final Duration SIMILAR_WINDOW = Duration.ofMinutes(10);
  /** Keys remembered, least recently used evicted first. */
  static final int CACHE_SIZE = 4096;
  static final String COMBINED = "(combined from similar events): ";

  /** One Event a component wants to record about {@code object} (namespace/name/uid). */
  public record Occurrence(String object, String type, String reason, String message, Instant at) {
  }

  /**
   * What to write: a new Event named {@code name} (count 1), or an update of the existing Event {@code name}
   * to {@code count} with {@code message}, keeping {@code firstTimestamp}.
   */
  public record Write(boolean create, String name, int count, Instant firstTimestamp, String message, String key) {
  }

  private record Written(String name, int count, Instant first) {
  }

  private record Similar(Set<String> messages, Instant last) {
  }

  private final Map<String, Written> written = lru();
  private final Map<String, Similar> similar = lru();

  /** Decides how to record {@code o}; {@code newName} names the Event when a new one is created. */
  public Write record(Occurrence o, String newName) {
    String group = o.object() + '\u0000' + o.type() + '\u0000' + o.reason();
    Similar seen = similar.get(group);
    if (seen == null || Duration.between(seen.last(), o.at()).compareTo(SIMILAR_WINDOW) > 0) {
      seen = new Similar(new HashSet<>(), o.at());
    }
    seen.messages().add(o.message());
    similar.put(group, new Similar(seen.messages(), o.at()));
    boolean combine = seen.messages().size() >= SIMILAR_LIMIT;
    if (combine) {
      seen.messages().remove(o.message()); // keeps the set bounded, as client-go pops one key
    }
    String message = combine ? COMBINED + o.message() : o.message();
    String key = combine ? group + "\u0000combined" : group + '\u0000' + o.message();
    Written before = written.get(key);
    Write write = before == null
        ? new Write(true, newName, 1, o.at(), message, key)
        : new Write(false, before.name(), before.count() + 1, before.first(), message, key);
    written.put(key, new Written(write.name(), write.count(), write.firstTimestamp()));
    return write;
  }

  /** Forgets the series of {@code key}, e.g. when its Event expired on the server; the next one starts anew. */
  public void forget(String key) {
    written.remove(key);
  }

  private static <V> Map<String, V> lru() {
    return new LinkedHashMap<>(64, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
        return size() > CACHE_SIZE;
      }
    };
  }
}
