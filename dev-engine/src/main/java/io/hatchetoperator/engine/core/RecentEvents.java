package io.hatchetoperator.engine.core;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The user events pushed lately, for a durable wait's lookback (consider_events_since): Hatchet reads them back from
 * its v1_event table (handleEventLookback in pkg/repository/durable_events.go). Bounded by count and age.
 */
final class RecentEvents {

  /** One pushed event as a durable wait sees it. */
  record Seen(String key, String scope, String payloadJson, long atMillis) {}

  private final int maxEvents;
  private final long maxAgeMillis;
  private final Deque<Seen> events = new ArrayDeque<>();

  RecentEvents(int maxEvents, long maxAgeMillis) {
    this.maxEvents = maxEvents;
    this.maxAgeMillis = maxAgeMillis;
  }

  void add(Seen e) {
    events.addLast(e);
    while (events.size() > maxEvents) {
      events.removeFirst();
    }
  }

  void forgetOld(long now) {
    while (!events.isEmpty() && now - events.peekFirst().atMillis() > maxAgeMillis) {
      events.removeFirst();
    }
  }

  /** The events of {@code key} and {@code scope} seen at or after {@code since}, oldest first. */
  List<Seen> since(String key, String scope, long since) {
    List<Seen> out = new ArrayList<>();
    for (Seen e : events) {
      if (e.atMillis() >= since && e.key().equals(key) && scope.equals(e.scope())) {
        out.add(e);
      }
    }
    return out;
  }

  /**
   * Hatchet's handleEventLookback: a condition with a key, a scope and consider_events_since is offered the events of
   * that key and scope seen since then.
   */
  void lookback(DurableWait w) {
    for (DurableCondition c : w.conditions()) {
      if (c.kind() == DurableCondition.Kind.USER_EVENT && c.scope() != null && c.sinceMillis() != null) {
        for (Seen e : since(c.eventKey(), c.scope(), c.sinceMillis())) {
          w.offer(e.key(), e.scope(), e.payloadJson(), Json.map(e.payloadJson()));
        }
      }
    }
  }

  int size() {
    return events.size();
  }
}
