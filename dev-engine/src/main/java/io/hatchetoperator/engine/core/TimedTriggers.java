package io.hatchetoperator.engine.core;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs started by time: the crons of registered workflows ({@code cron_triggers} with {@code cron_input}), the crons
 * created over the API ({@link ApiCrons}) and the scheduled runs of ScheduleWorkflow and the REST API
 * ({@link ScheduledRuns}). {@link #tick()} (called with the sweep, on the engine's clock) starts what is due. Like
 * Hatchet's ticker, a cron that missed several fire times (engine paused) fires once, not once per miss.
 */
public final class TimedTriggers {

  private static final Logger LOG = LoggerFactory.getLogger(TimedTriggers.class);
  static final int MAX_PENDING_SCHEDULES = 100_000;
  static final int MAX_STARTED_SCHEDULES = 10_000;
  static final int MAX_API_CRONS = 10_000;

  private record CronState(String versionId, CronSpec spec, long nextMillis) { }

  private final Scheduler scheduler;
  private final Clock clock;
  private final ScheduledRuns schedules = new ScheduledRuns(MAX_PENDING_SCHEDULES, MAX_STARTED_SCHEDULES);
  private final ApiCrons apiCrons = new ApiCrons(MAX_API_CRONS);
  private final Map<String, CronState> crons = new HashMap<>();

  public TimedTriggers(Scheduler scheduler, Clock clock) {
    this.scheduler = scheduler;
    this.clock = clock;
  }

  /** Starts {@code request} at {@code atMillis} (at the next tick when that is past) and returns the schedule's id. */
  public String schedule(TriggerRequest request, long atMillis) {
    return scheduleEntry(request, atMillis).id();
  }

  /** As {@link #schedule}, returning the whole entry. */
  public synchronized ScheduledRuns.Entry scheduleEntry(TriggerRequest request, long atMillis) {
    scheduler.registry().get("name", request.workflowName());
    return schedules.add(request, atMillis, clock.millis());
  }

  /** Scheduled runs not started yet. */
  public synchronized int pendingSchedules() {
    return schedules.pendingCount();
  }

  /** Every scheduled run this engine holds (pending, and the latest started ones), oldest first. */
  public synchronized List<ScheduledRuns.Entry> schedules() {
    return schedules.all();
  }

  /** One scheduled run; NOT_FOUND naming it. */
  public synchronized ScheduledRuns.Entry scheduled(String id) {
    return schedules.get(id);
  }

  /** Moves a pending scheduled run to {@code atMillis}; INVALID_ARGUMENT once it started. */
  public synchronized ScheduledRuns.Entry reschedule(String id, long atMillis) {
    return schedules.reschedule(id, atMillis);
  }

  /** Enables or disables an API cron; a re-enabled cron fires next at its first time after now. */
  public synchronized ApiCrons.Entry setCronEnabled(String id, boolean enabled) {
    return apiCrons.setEnabled(id, enabled, clock.millis());
  }

  /** Deletes a scheduled run: a pending one never starts. */
  public synchronized ScheduledRuns.Entry deleteScheduled(String id) {
    return schedules.delete(id);
  }

  /** Adds an API cron for {@code request}'s workflow (which must be registered); INVALID_ARGUMENT naming the field. */
  public synchronized ApiCrons.Entry addCron(String name, String expression, TriggerRequest request) {
    scheduler.registry().get("name", request.workflowName());
    return apiCrons.add(name, expression, request, clock.millis());
  }

  /** Every API cron, oldest first. */
  public synchronized List<ApiCrons.Entry> crons() {
    return apiCrons.all();
  }

  /** One API cron; NOT_FOUND naming it. */
  public synchronized ApiCrons.Entry cron(String id) {
    return apiCrons.get(id);
  }

  /** Deletes an API cron: it fires no more. */
  public synchronized ApiCrons.Entry deleteCron(String id) {
    return apiCrons.delete(id);
  }

  /** Starts the scheduled runs and crons that are due; returns the run ids it started. */
  public List<String> tick() {
    long now = clock.millis();
    List<ScheduledRuns.Entry> dueSchedules;
    synchronized (this) {
      dueSchedules = schedules.due(now);
    }
    List<String> started = new ArrayList<>();
    for (ScheduledRuns.Entry e : dueSchedules) {
      String id = start(e.request());
      synchronized (this) {
        if (id == null) {
          schedules.failed(e);
        } else {
          schedules.started(e, id, now);
          started.add(id);
        }
      }
    }
    for (TriggerRequest r : collect(now)) {
      String id = start(r);
      if (id != null) {
        started.add(id);
      }
    }
    return started;
  }

  private String start(TriggerRequest r) {
    try {
      String id = scheduler.trigger(r);
      LOG.info("timed run of '{}' started as {}", r.workflowName(), id);
      return id;
    } catch (RuntimeException e) {
      LOG.warn("timed run of '{}' could not start: {}", r.workflowName(), e.getMessage());
      return null;
    }
  }

  private synchronized List<TriggerRequest> collect(long now) {
    List<TriggerRequest> due = new ArrayList<>(apiCrons.due(now));
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
