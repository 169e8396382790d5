package io.hatchetoperator.engine.core;

import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The durable waits not yet satisfied: the DurableTask stream's wait entries, indexed by the event keys they listen
 * for and by their sleeps' deadlines, and the legacy protocol's {@link LegacySignals}; both are matched by the same
 * {@link DurableWait} rules against pushed user events and the engine's clock. Guarded by the scheduler's lock.
 */
final class DurableMatches {

  private record Timer(long at, LogEntry entry) {}

  private final Map<LogEntry, TaskRun> waiting = new LinkedHashMap<>();
  /** The held waits by the event keys they listen for, so an event looks only at its own key's waits. */
  private final Map<String, Set<LogEntry>> byEventKey = new HashMap<>();
  /** The held waits' sleep deadlines, earliest first (entries satisfied meanwhile are skipped when polled). */
  private final PriorityQueue<Timer> timers = new PriorityQueue<>(Comparator.comparingLong(Timer::at));
  private final RecentEvents recent;
  private final LegacySignals legacy;
  private long nextCleanupMillis;

  DurableMatches(RecentEvents recent) {
    this.recent = recent;
    this.legacy = new LegacySignals(recent);
  }

  LegacySignals legacy() {
    return legacy;
  }

  /** Holds a new wait entry after the lookback; true when it is satisfied already (then it is not held). */
  boolean watch(TaskRun t, LogEntry e, long now) {
    recent.lookback(e.wait);
    if (e.wait.tick(now) || e.wait.done()) {
      e.satisfy(e.wait.result());
      return true;
    }
    waiting.put(e, t);
    for (DurableCondition c : e.wait.conditions()) {
      if (c.kind() == DurableCondition.Kind.USER_EVENT) {
        byEventKey.computeIfAbsent(c.eventKey(), k -> new LinkedHashSet<>()).add(e);
      }
    }
    long deadline = e.wait.nextDeadline();
    if (deadline != Long.MAX_VALUE) {
      timers.add(new Timer(deadline, e));
    }
    return false;
  }

  /** A user event was pushed: the held waits of its key that it completes are satisfied, in recorded order. */
  void pushed(String key, String scope, String payloadJson, long now, BiConsumer<TaskRun, LogEntry> satisfied) {
    recent.add(new RecentEvents.Seen(key, scope, payloadJson, now));
    Set<LogEntry> candidates = byEventKey.get(key);
    if ((candidates == null || candidates.isEmpty()) && legacy.isEmpty()) {
      return;
    }
    Map<String, Object> payload = Json.map(payloadJson);
    for (LogEntry e : candidates == null ? List.<LogEntry>of() : List.copyOf(candidates)) {
      if (e.wait.offer(key, scope, payloadJson, payload)) {
        satisfy(e, satisfied);
      }
    }
    legacy.pushed(key, scope, payloadJson, payload);
  }

  /** The clock moved: sleeps whose deadline passed are satisfied; every 10 s, waits of ended tasks are dropped. */
  void tick(long now, BiConsumer<TaskRun, LogEntry> satisfied) {
    while (!timers.isEmpty() && timers.peek().at() <= now) {
      LogEntry e = timers.poll().entry();
      if (waiting.containsKey(e) && e.wait.tick(now)) {
        satisfy(e, satisfied);
      } else if (waiting.containsKey(e) && e.wait.nextDeadline() != Long.MAX_VALUE) {
        timers.add(new Timer(e.wait.nextDeadline(), e));
      }
    }
    legacy.tick(now);
    if (now >= nextCleanupMillis) {
      nextCleanupMillis = now + DurableSettings.CLEANUP_EVERY_MILLIS;
      for (Map.Entry<LogEntry, TaskRun> e : List.copyOf(waiting.entrySet())) {
        if (e.getValue().state.terminal()) {
          drop(e.getKey());
        }
      }
      timers.removeIf(t -> !waiting.containsKey(t.entry()));
      recent.forgetOld(now);
    }
  }

  /** The waits held for tasks that have not ended (those of ended tasks are dropped by the periodic cleanup). */
  int held() {
    int n = 0;
    for (TaskRun t : waiting.values()) {
      n += t.state.terminal() ? 0 : 1;
    }
    return n;
  }

  private void satisfy(LogEntry e, BiConsumer<TaskRun, LogEntry> satisfied) {
    TaskRun t = waiting.get(e);
    DurableWait w = e.wait;
    drop(e);
    e.satisfy(w.result());
    satisfied.accept(t, e);
  }

  private void drop(LogEntry e) {
    waiting.remove(e);
    for (DurableCondition c : e.wait.conditions()) {
      Set<LogEntry> set = c.eventKey() == null ? null : byEventKey.get(c.eventKey());
      if (set != null && set.remove(e) && set.isEmpty()) {
        byEventKey.remove(c.eventKey());
      }
    }
  }
}
