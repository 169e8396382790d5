package io.hatchetoperator.engine.core;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.PriorityQueue;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The durable waits not yet satisfied, of both protocols: log entries (DurableTask stream) and legacy signals
 * (RegisterDurableEvent / ListenForDurableEvent), matched by the same {@link DurableWait} rules against pushed user
 * events and the engine's clock. Guarded by the scheduler's lock.
 */
final class DurableMatches {

  /** A legacy signal: a wait registered under (task, signal key), and the listeners waiting for its data. */
  static final class Signal {
    final String taskId;
    final String signalKey;
    final DurableWait wait;
    String result;
    final List<DurableSignalSink> listeners = new ArrayList<>();

    Signal(String taskId, String signalKey, DurableWait wait) {
      this.taskId = taskId;
      this.signalKey = signalKey;
      this.wait = wait;
    }
  }

  private final Map<LogEntry, TaskRun> waiting = new LinkedHashMap<>();
  /** The held waits by the event keys they listen for, so an event looks only at its own key's waits. */
  private final Map<String, java.util.Set<LogEntry>> byEventKey = new HashMap<>();
  /** The held waits' sleep deadlines, earliest first (entries already satisfied are skipped when polled). */
  private final PriorityQueue<Timer> timers = new PriorityQueue<>(Comparator.comparingLong(Timer::at));
  private long nextCleanupMillis;

  private record Timer(long at, LogEntry entry) {}
  private final Map<String, Signal> signals = new LinkedHashMap<>();
  private final Map<String, TaskRun> signalTasks = new LinkedHashMap<>();
  private final RecentEvents recent;

  DurableMatches(RecentEvents recent) {
    this.recent = recent;
  }

  /** Holds a new wait entry after the lookback; true when it is satisfied already (then it is not held). */
  boolean watch(TaskRun t, LogEntry e, long now) {
    lookback(e.wait);
    if (e.wait.tick(now)) {
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

  private void drop(LogEntry e) {
    waiting.remove(e);
    for (DurableCondition c : e.wait == null ? List.<DurableCondition>of() : e.wait.conditions()) {
      java.util.Set<LogEntry> set = c.eventKey() == null ? null : byEventKey.get(c.eventKey());
      if (set != null && set.remove(e) && set.isEmpty()) {
        byEventKey.remove(c.eventKey());
      }
    }
  }

  private void satisfy(LogEntry e, BiConsumer<TaskRun, LogEntry> satisfied) {
    TaskRun t = waiting.get(e);
    DurableWait w = e.wait;
    drop(e);
    e.satisfy(w.result());
    satisfied.accept(t, e);
  }

  /** Hatchet's handleEventLookback: conditions with a key, a scope and consider_events_since see earlier events. */
  private void lookback(DurableWait w) {
    for (DurableCondition c : w.conditions()) {
      if (c.kind() == DurableCondition.Kind.USER_EVENT && c.scope() != null && c.sinceMillis() != null) {
        for (RecentEvents.Seen e : recent.since(c.eventKey(), c.scope(), c.sinceMillis())) {
          w.offer(e.key(), e.scope(), e.payloadJson(), Json.map(e.payloadJson()));
        }
      }
    }
  }

  /** Registers (or replaces) a legacy signal and sends its data to listeners at once when satisfied already. */
  void signal(TaskRun t, String signalKey, DurableWait wait, long now) {
    Signal sig = new Signal(t.externalId, signalKey, wait);
    Signal old = signals.put(key(t.externalId, signalKey), sig);
    if (old != null) {
      sig.listeners.addAll(old.listeners);
    }
    signalTasks.put(key(t.externalId, signalKey), t);
    lookback(wait);
    if (wait.tick(now)) {
      fire(sig);
    }
  }

  /** Adds a listener of a legacy signal; it gets the data now when the signal is satisfied already. */
  void listen(String taskId, String signalKey, DurableSignalSink sink) {
    Signal sig = signals.computeIfAbsent(key(taskId, signalKey), k -> new Signal(taskId, signalKey, null));
    if (sig.result != null) {
      sink.signal(taskId, signalKey, sig.result);
    } else if (!sig.listeners.contains(sink)) {
      sig.listeners.add(sink);
    }
  }

  void unlisten(DurableSignalSink sink) {
    for (Iterator<Signal> it = signals.values().iterator(); it.hasNext(); ) {
      Signal sig = it.next();
      sig.listeners.remove(sink);
      if (sig.wait == null && sig.listeners.isEmpty()) {
        it.remove();
      }
    }
  }

  /** A user event was pushed: every held wait it completes is satisfied, in the order they were recorded. */
  void pushed(String key, String scope, String payloadJson, long now, BiConsumer<TaskRun, LogEntry> satisfied) {
    recent.add(new RecentEvents.Seen(key, scope, payloadJson, now));
    java.util.Set<LogEntry> candidates = byEventKey.get(key);
    if ((candidates == null || candidates.isEmpty()) && signals.isEmpty()) {
      return;
    }
    Map<String, Object> payload = Json.map(payloadJson);
    for (LogEntry e : candidates == null ? List.<LogEntry>of() : List.copyOf(candidates)) {
      if (e.wait.offer(key, scope, payloadJson, payload)) {
        satisfy(e, satisfied);
      }
    }
    for (Signal sig : List.copyOf(signals.values())) {
      if (sig.wait != null && sig.result == null && sig.wait.offer(key, scope, payloadJson, payload)) {
        fire(sig);
      }
    }
  }

  /** The clock moved: sleeps whose deadline passed are satisfied; waits of finished tasks are dropped. */
  void tick(long now, BiConsumer<TaskRun, LogEntry> satisfied) {
    while (!timers.isEmpty() && timers.peek().at() <= now) {
      LogEntry e = timers.poll().entry();
      if (waiting.containsKey(e) && e.wait.tick(now)) {
        satisfy(e, satisfied);
      } else if (waiting.containsKey(e) && e.wait.nextDeadline() != Long.MAX_VALUE) {
        timers.add(new Timer(e.wait.nextDeadline(), e));
      }
    }
    if (now >= nextCleanupMillis) {
      nextCleanupMillis = now + DurableSettings.CLEANUP_EVERY_MILLIS;
      for (Map.Entry<LogEntry, TaskRun> e : List.copyOf(waiting.entrySet())) {
        if (e.getValue().state.terminal()) {
          drop(e.getKey());
        }
      }
      timers.removeIf(t -> !waiting.containsKey(t.entry()));
    }
    for (Map.Entry<String, TaskRun> e : List.copyOf(signalTasks.entrySet())) {
      Signal sig = signals.get(e.getKey());
      if (e.getValue().state.terminal() && (sig == null || sig.listeners.isEmpty())) {
        signals.remove(e.getKey());
        signalTasks.remove(e.getKey());
      } else if (sig != null && sig.wait != null && sig.result == null && sig.wait.tick(now)) {
        fire(sig);
      }
    }
    recent.forgetOld(now);
  }

  private void fire(Signal sig) {
    sig.result = sig.wait.result();
    for (DurableSignalSink l : List.copyOf(sig.listeners)) {
      l.signal(sig.taskId, sig.signalKey, sig.result);
    }
    sig.listeners.clear();
  }

  /** The waits held for tasks that have not ended (those of ended tasks are dropped by the periodic cleanup). */
  int held() {
    int n = 0;
    for (TaskRun t : waiting.values()) {
      n += t.state.terminal() ? 0 : 1;
    }
    return n;
  }

  private static String key(String taskId, String signalKey) {
    return taskId + "|" + signalKey;
  }
}
