package io.hatchetoperator.engine.core;

import io.hatchetoperator.proto.v1.ConcurrencyLimitStrategy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Concurrency slots per (strategy, key), decided as Hatchet's v1 scheduler decides them
 * ({@code pkg/scheduling/v1/concurrency/strategy.go}, {@code index.go}): every strategy fills free capacity
 * ({@code maxRuns - running}) from the waiting tasks, best first (higher priority, then older; newer for
 * CANCEL_IN_PROGRESS). GROUP_ROUND_ROBIN leaves the rest waiting, CANCEL_NEWEST cancels them, CANCEL_IN_PROGRESS
 * cancels them too and evicts a running task that a waiting one outranks (so the newest runs win). Not thread-safe:
 * used under the scheduler's lock.
 */
final class ConcurrencyGate {

  /** The slots (tasks or runs) that may now go on, and those to cancel. */
  record Decision(List<GateSlot> admit, List<GateSlot> cancel) {}

  private static final Comparator<GateSlot> OLDEST_FIRST = Comparator.comparingInt((GateSlot t) -> -t.priority())
      .thenComparingLong(t -> t.seq);
  private static final Comparator<GateSlot> NEWEST_FIRST = Comparator.comparingInt((GateSlot t) -> -t.priority())
      .thenComparingLong(t -> -t.seq);

  private static final class Group {
    final ConcurrencySpec spec;
    final Comparator<GateSlot> order;
    final TreeSet<GateSlot> running;
    final TreeSet<GateSlot> waiting;

    Group(ConcurrencySpec spec) {
      this.spec = spec;
      order = spec.strategy() == ConcurrencyLimitStrategy.CANCEL_IN_PROGRESS ? NEWEST_FIRST : OLDEST_FIRST;
      running = new TreeSet<>(order);
      waiting = new TreeSet<>(order);
    }
  }

  private final Map<String, Group> groups = new HashMap<>();
  private long seq;

  /** Adds a task that evaluated to {@code key} and decides its group. */
  Decision offer(GateSlot t, ConcurrencySpec spec, String key) {
    if (t.seq == 0) {
      t.seq = ++seq;
    }
    t.spec = spec;
    t.group = spec.id() + "\u0000" + key;
    t.key = key;
    Group g = groups.computeIfAbsent(t.group, k -> new Group(spec));
    g.waiting.add(t);
    return decide(g);
  }

  /** Takes a task out of its group (finished, cancelled, or going to retry) and decides the group again. */
  Decision release(GateSlot t) {
    String id = t.group;
    Group g = id == null ? null : groups.get(id);
    t.group = null;
    if (g == null || !(g.running.remove(t) | g.waiting.remove(t))) {
      return new Decision(List.of(), List.of());
    }
    Decision d = decide(g);
    if (g.running.isEmpty() && g.waiting.isEmpty()) {
      groups.remove(id);
    }
    return d;
  }

  /** Puts a running task back among its key's waiting tasks (a retry) and decides the group. */
  Decision requeue(GateSlot t) {
    Group g = groups.get(t.group);
    g.running.remove(t);
    g.waiting.add(t);
    return decide(g);
  }

  /** Every task waiting for a slot (for schedule timeouts). */
  List<GateSlot> waiting() {
    List<GateSlot> out = new ArrayList<>();
    groups.values().forEach(g -> out.addAll(g.waiting));
    return out;
  }

  private static Decision decide(Group g) {
    List<GateSlot> admit = new ArrayList<>();
    List<GateSlot> cancel = new ArrayList<>();
    int max = g.spec.maxRuns();
    while (!g.waiting.isEmpty()) {
      GateSlot best = g.waiting.first();
      if (g.running.size() < max) {
        g.waiting.pollFirst();
        g.running.add(best);
        admit.add(best);
      } else if (g.spec.strategy() == ConcurrencyLimitStrategy.CANCEL_IN_PROGRESS
          && g.order.compare(best, g.running.last()) < 0) {
        cancel.add(g.running.pollLast());
        g.waiting.pollFirst();
        g.running.add(best);
        admit.add(best);
      } else {
        if (g.spec.strategy() != ConcurrencyLimitStrategy.GROUP_ROUND_ROBIN) {
          cancel.addAll(g.waiting);
          g.waiting.clear();
        }
        break;
      }
    }
    return new Decision(admit, cancel);
  }
}
