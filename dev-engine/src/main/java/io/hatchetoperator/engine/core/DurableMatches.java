package io.hatchetoperator.engine.core;

import java.util.ArrayList;
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
    return false;
  }

  /** Hatchet's handleEventLookback: conditions with a key, a scope and consider_events_since see earlier events. */
  private void lookback(DurableWait w) {
    for (DurableCondition c : w.conditions()) {
      if (c.kind() == DurableCondition.Kind.USER_EVENT && c.scope() != null && c.sinceMillis() != null) {
        for (RecentEvents.Seen e : recent.since(c.eventKey(), c.scope(), c.sinceMillis())) {
          w.offer(e.key(), e.scope(), e.payloadJson(), e.payload());
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
    Map<String, Object> payload = Json.map(payloadJson);
    recent.add(new RecentEvents.Seen(key, scope, payloadJson, payload, now));
    for (Iterator<Map.Entry<LogEntry, TaskRun>> it = waiting.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<LogEntry, TaskRun> e = it.next();
      if (e.getKey().wait.offer(key, scope, payloadJson, payload)) {
        it.remove();
        e.getKey().satisfy(e.getKey().wait.result());
        satisfied.accept(e.getValue(), e.getKey());
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
    for (Iterator<Map.Entry<LogEntry, TaskRun>> it = waiting.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<LogEntry, TaskRun> e = it.next();
      if (e.getValue().state.terminal()) {
        it.remove();
      } else if (e.getKey().wait.tick(now)) {
        it.remove();
        e.getKey().satisfy(e.getKey().wait.result());
        satisfied.accept(e.getValue(), e.getKey());
      }
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

  int held() {
    return waiting.size();
  }

  private static String key(String taskId, String signalKey) {
    return taskId + "|" + signalKey;
  }
}
