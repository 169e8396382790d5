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
   * Starts and blocks until the worker ends; returns how it ended ({@link WorkerState#STOPPED} after a
   * drain, {@link WorkerState#GAVE_UP} when the engine refused it or reconnects ran out). Only this
   * mode installs SIGTERM/SIGINT handling: the first signal drains, a second stops at once. It never
   * exits the process: the caller's {@code main} picks the exit code.
   */
  WorkerState start();

  /** Starts in the background; the future completes with the worker id once it listens for work. */
  CompletableFuture<String> startAsync();

  /**
   * Drains: pause in the engine, let running tasks finish within the drain timeout, then hand back
   * those still running (the default stop mode: nothing is reported, heartbeats stop and the engine
   * reassigns them without using their retries; stop mode FAIL_FAST reports them FAILED instead),
   * deliver all events, close the stream, unsubscribe. Assignments arriving meanwhile run if a slot is
   * free and their timeout fits before the deadline, else are handed back. The stream and heartbeats
   * stay up while draining, also when the pause fails. The future completes when done.
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

  /** Registered, its stream accepted by the engine with heartbeats acknowledged, and not draining. */
  default boolean isReady() {
    return state() == WorkerState.LISTENING;
  }

  /** The bound port of the health/metrics server, empty when it is disabled or not started. */
  OptionalInt healthPort();

  /** Completes with the terminal state when the worker has ended. */
  CompletableFuture<WorkerState> termination();
}
