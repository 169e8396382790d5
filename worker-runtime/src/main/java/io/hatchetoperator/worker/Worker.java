package io.hatchetoperator.worker;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;

/**
 * A Hatchet worker: registers its workflows, receives task assignments and runs them in its slots.
 * Each instance owns its channel, threads, metrics and health server, so many can share a JVM.
 */
public interface Worker {

  /**
   * Starts and blocks until the worker ends. Only this mode installs SIGTERM/SIGINT handling: the
   * first signal drains, a second stops at once. If the worker gives up reconnecting, the process
   * exits with code 1.
   */
  void start();

  /** Starts in the background; the future completes with the worker id once it listens for work. */
  CompletableFuture<String> startAsync();

  /**
   * Drains: pause in the engine and take no new tasks (anything still assigned is answered FAILED so
   * the engine retries it elsewhere), let running tasks finish within the drain timeout, report those
   * still running as FAILED, deliver all events, close the stream, unsubscribe. The future completes
   * when done. The stream stays open while draining so the engine keeps accepting heartbeats (it
   * reassigns tasks of workers without them after 30 s); it is closed at once if the pause fails.
   */
  CompletableFuture<Void> shutdown();

  /** Simulates a crash: drops the streams and threads at once and sends nothing more. */
  void kill();

  /** Task runs assigned to this worker and not yet finished (running or waiting for a slot). */
  int runningTasks();

  /** The engine's id of this worker, once registered. */
  Optional<String> workerId();

  /** The worker's name as registered. */
  String name();

  WorkerState state();

  /** Registered, listening and not draining. */
  default boolean isReady() {
    return state() == WorkerState.LISTENING;
  }

  /** The bound port of the health/metrics server, empty when it is disabled or not started. */
  OptionalInt healthPort();

  /** Completes with the terminal state when the worker has ended. */
  CompletableFuture<WorkerState> termination();
}
