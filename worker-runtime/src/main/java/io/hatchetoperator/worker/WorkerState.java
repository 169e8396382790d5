package io.hatchetoperator.worker;

/** Where a worker is in its life; only {@link #LISTENING} is ready for work. */
public enum WorkerState {
  /** Created, not started. */
  NEW,
  /** Registering workflows and the worker with the engine. */
  STARTING,
  /** Registered, and the engine accepted its stream: receiving assignments. */
  LISTENING,
  /** The assignment stream broke; reconnecting with backoff. */
  RECONNECTING,
  /** Shutting down gracefully: paused, finishing running tasks. */
  DRAINING,
  /** Drained and unsubscribed. */
  STOPPED,
  /** The engine refused the worker (credentials, invalid registration) or reconnects ran out (only with a limit set); the process should exit. */
  GAVE_UP,
  /** Stopped at once by {@code kill()}; nothing more was sent. */
  KILLED;

  /** Whether the worker has ended, one way or another. */
  public boolean isTerminal() {
    return this == STOPPED || this == GAVE_UP || this == KILLED;
  }
}
