package io.hatchetoperator.engine.core;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The scheduled runs of one engine (gRPC ScheduleWorkflow and REST {@code scheduledWorkflowRunCreate}): pending ones
 * in time order, and, as Hatchet keeps its scheduled rows after they fire, the started ones with their run id. Not
 * thread-safe: {@link TimedTriggers} guards it.
 */
public final class ScheduledRuns {

  /** A scheduled run: what it starts, when, and the run it started (null while pending) and when it did. */
  public record Entry(String id, TriggerRequest request, long triggerAtMillis, long createdAtMillis, long seq,
      String runId, long runCreatedAtMillis) {

    Entry started(String run, long atMillis) {
      return new Entry(id, request, triggerAtMillis, createdAtMillis, seq, run, atMillis);
    }
  }

  private final int maxPending;
  private final int maxStarted;
  private final Map<String, Entry> byId = new LinkedHashMap<>();
  private final PriorityQueue<Entry> pending = new PriorityQueue<>((a, b) -> a.triggerAtMillis != b.triggerAtMillis
      ? Long.compare(a.triggerAtMillis, b.triggerAtMillis) : Long.compare(a.seq, b.seq));
  private int startedCount;
  private long seq;

  ScheduledRuns(int maxPending, int maxStarted) {
    this.maxPending = maxPending;
    this.maxStarted = maxStarted;
  }

  Entry add(TriggerRequest request, long atMillis, long nowMillis) {
    if (pending.size() >= maxPending) {
      throw EngineException.invalid("the dev engine already holds " + maxPending + " scheduled runs; wait"
          + " for some to start (or delete some) before scheduling more");
    }
    Entry e = new Entry(Ids.uuid(), request, atMillis, nowMillis, seq++, null, 0);
    pending.add(e);
    byId.put(e.id(), e);
    return e;
  }

  int pendingCount() {
    return pending.size();
  }

  /** Removes and returns the pending entries due at {@code now}, in time order. */
  List<Entry> due(long now) {
    List<Entry> out = new ArrayList<>();
    while (!pending.isEmpty() && pending.peek().triggerAtMillis() <= now) {
      out.add(pending.poll());
    }
    return out;
  }

  /** Records the run a due entry started; the oldest started entries are forgotten past the cap. */
  void started(Entry e, String runId, long atMillis) {
    if (byId.replace(e.id(), e.started(runId, atMillis)) == null) {
      return;
    }
    startedCount++;
    Iterator<Entry> it = byId.values().iterator();
    while (startedCount > maxStarted && it.hasNext()) {
      if (it.next().runId() != null) {
        it.remove();
        startedCount--;
      }
    }
  }

  /** A due entry that could not start is forgotten (its failure is logged by the caller). */
  void failed(Entry e) {
    byId.remove(e.id());
  }

  Entry get(String id) {
    Entry e = byId.get(id);
    if (e == null) {
      throw EngineException.notFound("scheduled run " + id + " is not known to this engine (never created, deleted,"
          + " or started long ago); list them with GET /api/v1/tenants/{tenant}/workflows/scheduled");
    }
    return e;
  }

  /** Moves a pending scheduled run to {@code atMillis}; one that already started cannot move (as in Hatchet). */
  Entry reschedule(String id, long atMillis) {
    Entry e = get(id);
    if (e.runId() != null) {
      throw EngineException.invalid("scheduled run " + id + " has already been triggered (run " + e.runId()
          + ") and cannot be rescheduled; create a new schedule instead");
    }
    pending.remove(e);
    Entry moved = new Entry(e.id(), e.request(), atMillis, e.createdAtMillis(), seq++, null, 0);
    pending.add(moved);
    byId.put(id, moved);
    return moved;
  }

  /** Deletes a scheduled run: a pending one never starts; a started one's run is unaffected. */
  Entry delete(String id) {
    Entry e = get(id);
    byId.remove(id);
    if (e.runId() == null) {
      pending.remove(e);
    } else {
      startedCount--;
    }
    return e;
  }

  List<Entry> all() {
    return new ArrayList<>(byId.values());
  }
}
