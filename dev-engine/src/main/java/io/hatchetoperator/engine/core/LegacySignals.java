package io.hatchetoperator.engine.core;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The waits of the legacy durable protocol (RegisterDurableEvent / ListenForDurableEvent, server_v1.go): each is held
 * under (task, signal key) and its data goes once to the listeners of that key, at once for a late listener. Matched
 * by the same {@link DurableWait} rules as the DurableTask stream's waits. Guarded by the scheduler's lock.
 */
final class LegacySignals {

  /** A signal: its wait (null while only listened for), its data once satisfied, and who waits for it. */
  private static final class Signal {
    final String taskId;
    final String signalKey;
    final DurableWait wait;
    TaskRun task;
    String result;
    final List<DurableSignalSink> listeners = new ArrayList<>();

    Signal(String taskId, String signalKey, DurableWait wait) {
      this.taskId = taskId;
      this.signalKey = signalKey;
      this.wait = wait;
    }
  }

  private final Map<String, Signal> signals = new LinkedHashMap<>();
  private final RecentEvents recent;

  LegacySignals(RecentEvents recent) {
    this.recent = recent;
  }

  /** Registers (or replaces) a signal; its data goes to the listeners at once when satisfied already. */
  void register(TaskRun t, String signalKey, DurableWait wait, long now) {
    Signal sig = new Signal(t.externalId, signalKey, wait);
    sig.task = t;
    Signal old = signals.put(key(t.externalId, signalKey), sig);
    if (old != null) {
      sig.listeners.addAll(old.listeners);
    }
    recent.lookback(wait);
    if (wait.tick(now) || wait.done()) {
      fire(sig);
    }
  }

  /** Adds a listener; it gets the data now when the signal is satisfied already. */
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

  boolean isEmpty() {
    return signals.isEmpty();
  }

  void pushed(String key, String scope, String payloadJson, Map<String, Object> payload) {
    for (Signal sig : List.copyOf(signals.values())) {
      if (sig.wait != null && sig.result == null && sig.wait.offer(key, scope, payloadJson, payload)) {
        fire(sig);
      }
    }
  }

  /** Sleeps whose deadline passed fire; signals of ended tasks nobody listens to are dropped. */
  void tick(long now) {
    for (Iterator<Signal> it = signals.values().iterator(); it.hasNext(); ) {
      Signal sig = it.next();
      if (sig.task != null && sig.task.state.terminal() && sig.listeners.isEmpty()) {
        it.remove();
      } else if (sig.wait != null && sig.result == null && sig.wait.tick(now)) {
        fire(sig);
      }
    }
  }

  private void fire(Signal sig) {
    sig.result = sig.wait.result();
    for (DurableSignalSink l : List.copyOf(sig.listeners)) {
      l.signal(sig.taskId, sig.signalKey, sig.result);
    }
    sig.listeners.clear();
  }

  private static String key(String taskId, String signalKey) {
    return taskId + "|" + signalKey;
  }
}
