package io.hatchetoperator.worker.junit;

import io.hatchetoperator.engine.DevEngine;
import io.hatchetoperator.engine.DevEngineSettings;
import io.hatchetoperator.engine.core.EngineTimings;
import io.hatchetoperator.engine.core.WorkerView;
import io.hatchetoperator.worker.Hatchet;
import io.hatchetoperator.worker.Worker;
import io.hatchetoperator.worker.WorkerOptions;
import io.hatchetoperator.worker.WorkflowDeclaration;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The dev engine in process on a {@link ManualClock}, a {@link Hatchet} pointed at it, and the workers a test
 * starts (killed after each test). Retries, backoff, timeouts and schedules follow the engine's clock, so
 * {@link #advance} makes minutes pass in milliseconds. Worker liveness is relaxed (a day without heartbeats),
 * so advancing the clock never makes the engine drop a live worker; worker loss is not tested here.
 */
public final class HatchetTestEngine implements AutoCloseable {
  /** Where the clock starts: a fixed instant, so runs are reproducible. */
  public static final Instant START = Instant.parse("2030-01-01T00:00:00Z");
  static final Duration SWEEP = Duration.ofMillis(5);
  private static final Duration WORKER_READY = Duration.ofSeconds(30);

  private final ManualClock clock = new ManualClock(START);
  private final DevEngine engine;
  private final Hatchet hatchet;
  private final List<Worker> workers = new CopyOnWriteArrayList<>();

  public HatchetTestEngine() {
    Duration day = Duration.ofDays(1);
    this.engine = DevEngine.start(DevEngineSettings.ephemeral().withClock(clock).withSweepInterval(SWEEP)
        .withTimings(new EngineTimings(day, day, Duration.ofDays(30), Duration.ofDays(30), 100_000)));
    this.hatchet = hatchetBuilder().build();
  }

  /** A builder pointed at this engine (no health server), e.g. to set another ObjectMapper. */
  public Hatchet.Builder hatchetBuilder() {
    return Hatchet.builder().env(engine.clientEnv()).healthPort(-1);
  }

  /** The shared client and declaration entry point of this engine. */
  public Hatchet hatchet() {
    return hatchet;
  }

  public DevEngine engine() {
    return engine;
  }

  public ManualClock clock() {
    return clock;
  }

  /** Moves the engine's time by {@code d} and applies its time rules at once (timeouts, retries due, ...). */
  public void advance(Duration d) {
    clock.advance(d);
    engine.scheduler().sweep();
  }

  /** Starts a worker of {@code slots} slots serving {@code declarations}; returns once the engine lists it ACTIVE. */
  public Worker startWorker(String name, int slots, WorkflowDeclaration... declarations) {
    return startWorker(hatchet, name, WorkerOptions.slots(slots), declarations);
  }

  /** Starts a worker of {@code hatchet} (another mapper, ...) with {@code options}; killed after the test. */
  public Worker startWorker(Hatchet hatchet, String name, WorkerOptions options, WorkflowDeclaration... declarations) {
    Worker worker = hatchet.worker(name, options, declarations);
    workers.add(worker);
    String id;
    try {
      id = worker.startAsync().get(WORKER_READY.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("worker '" + name + "' did not start against the dev engine within "
          + WORKER_READY.toSeconds() + " s: " + e, e);
    }
    long deadline = System.nanoTime() + WORKER_READY.toNanos();
    while (engine.scheduler().workers().stream().noneMatch(w -> w.id().equals(id) && isActive(w))) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the dev engine never listed worker '" + name + "' (" + id + ") as ACTIVE");
      }
      sleep(5);
    }
    return worker;
  }

  /** Kills the workers started since the last call (the extension calls it after each test). */
  public void killWorkers() {
    workers.forEach(Worker::kill);
    workers.clear();
  }

  @Override
  public void close() {
    killWorkers();
    hatchet.close();
    engine.close();
  }

  private static boolean isActive(WorkerView w) {
    return "ACTIVE".equals(w.status());
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a worker", e);
    }
  }
}
