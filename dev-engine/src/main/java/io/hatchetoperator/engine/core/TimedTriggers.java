package io.hatchetoperator.engine.core;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs started by time: the crons of registered workflows ({@code cron_triggers} with {@code cron_input}) and the
 * runs of ScheduleWorkflow. {@link #tick()} (called with the sweep, on the engine's clock) starts what is due. Like
 * Hatchet's ticker, a cron that missed several fire times (engine paused) fires once, not once per miss.
 */
public final class TimedTriggers {

  private static final Logger LOG = LoggerFactory.getLogger(TimedTriggers.class);
  static final int MAX_PENDING_SCHEDULES = 100_000;

  private record Scheduled(String id, long atMillis, long seq, TriggerRequest request) { }

  private record CronState(String versionId, CronSpec spec, long nextMillis) { }

  private final Scheduler scheduler;
  private final Clock clock;
  private final PriorityQueue<Scheduled> pending = new PriorityQueue<>(
      (a, b) -> a.atMillis != b.atMillis ? Long.compare(a.atMillis, b.atMillis) : Long.compare(a.seq, b.seq));
  private final Map<String, CronState> crons = new HashMap<>();
  private long seq;

  public TimedTriggers(Scheduler scheduler, Clock clock) {
    this.scheduler = scheduler;
    this.clock = clock;
  }

  /** Starts {@code request} at {@code atMillis} (at the next tick when that is past) and returns the schedule's id. */
  public synchronized String schedule(TriggerRequest request, long atMillis) {
    scheduler.registry().get("name", request.workflowName());
    if (pending.size() >= MAX_PENDING_SCHEDULES) {
      throw EngineException.invalid("the dev engine already holds " + MAX_PENDING_SCHEDULES + " scheduled runs; wait"
          + " for some to start before scheduling more");
    }
    String id = Ids.uuid();
    pending.add(new Scheduled(id, atMillis, seq++, request));
    return id;
  }

  /** Scheduled runs not started yet. */
  public synchronized int pendingSchedules() {
    return pending.size();
  }

  /** Starts the scheduled runs and crons that are due; returns the run ids it started. */
  public List<String> tick() {
    List<TriggerRequest> due = collect(clock.millis());
    List<String> started = new ArrayList<>();
    for (TriggerRequest r : due) {
      try {
        String id = scheduler.trigger(r);
        started.add(id);
        LOG.info("timed run of '{}' started as {}", r.workflowName(), id);
      } catch (RuntimeException e) {
        LOG.warn("timed run of '{}' could not start: {}", r.workflowName(), e.getMessage());
      }
    }
    return started;
  }

  private synchronized List<TriggerRequest> collect(long now) {
    List<TriggerRequest> due = new ArrayList<>();
    while (!pending.isEmpty() && pending.peek().atMillis <= now) {
      due.add(pending.poll().request);
    }
    Set<String> live = new HashSet<>();
    for (WorkflowDef def : scheduler.registry().all()) {
      for (int i = 0; i < def.cronTriggers().size(); i++) {
        String expr = def.cronTriggers().get(i);
        String key = def.name() + '\u0000' + expr;
        live.add(key);
        CronState st = crons.get(key);
        if (st == null || !st.versionId.equals(def.versionId())) {
          CronSpec spec = CronSpec.parse("cron_triggers[" + i + "]", expr);
          crons.put(key, new CronState(def.versionId(), spec, spec.nextAfter(now)));
        } else if (st.nextMillis >= 0 && st.nextMillis <= now) {
          due.add(new TriggerRequest(def.name(), def.cronInput(), "{}", null, null, null, null, null, null, null));
          crons.put(key, new CronState(st.versionId, st.spec, st.spec.nextAfter(now)));
        }
      }
    }
    crons.keySet().retainAll(live);
    return due;
  }
}
