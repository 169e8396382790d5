package io.hatchetoperator.engine.core;

/** The durable-task limits, in one place. */
final class DurableSettings {

  private DurableSettings() {}

  /** Pushed events kept for a wait's lookback (consider_events_since): at most this many ... */
  static final int RECENT_EVENTS = 10_000;
  /** ... and none older than this (ms). */
  static final long RECENT_EVENT_AGE = 24L * 3600 * 1000;

  /** How often held waits of tasks that ended meanwhile (cancelled, timed out) are dropped (ms). */
  static final long CLEANUP_EVERY_MILLIS = 10_000;
}
