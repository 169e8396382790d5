package io.hatchetoperator.interop.faults;

import io.hatchetoperator.engine.DevEngine;
import io.hatchetoperator.engine.DevEngineSettings;
import io.hatchetoperator.engine.core.EngineCounters;
import io.hatchetoperator.engine.core.EngineTimings;
import io.hatchetoperator.worker.Attempt;
import io.hatchetoperator.worker.Hatchet;
import io.hatchetoperator.worker.TaskOptions;
import io.hatchetoperator.worker.Worker;
import io.hatchetoperator.worker.WorkerOptions;
import io.hatchetoperator.worker.client.ChannelFactory;
import io.hatchetoperator.worker.client.EngineChannels;
import io.hatchetoperator.worker.config.HatchetSettings.TimingSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/**
 * One dev engine with Hatchet's heartbeat rules scaled by {@code faults.reassignAfterSeconds} (Hatchet: a worker
 * silent for 5 s gets no new work, its tasks are reassigned after 30 s), a client connected straight to it, and
 * Java workers with a {@code hold} task that sleeps {@code input.ms} ({@code input.retryMs} on a later attempt)
 * and records every attempt it runs.
 */
final class FaultFixture implements AutoCloseable {
  static final int REASSIGN_SECONDS = Integer.getInteger("faults.reassignAfterSeconds", 3);

  final DevEngine engine;
  final Hatchet client;
  /** Every attempt a worker started, per task run. */
  final Map<String, List<Attempt>> attempts = new ConcurrentHashMap<>();
  private final List<Worker> workers = new CopyOnWriteArrayList<>();
  private final List<Hatchet> hatchets = new ArrayList<>();

  private final int silentSeconds;
  private final int reassignSeconds;

  FaultFixture() {
    this(REASSIGN_SECONDS, Math.max(2, REASSIGN_SECONDS / 6));
  }

  /** An engine that stops assigning to a worker silent for {@code silentSeconds} and reassigns after {@code reassignSeconds}. */
  FaultFixture(int reassignSeconds, int silentSeconds) {
    this.silentSeconds = silentSeconds;
    this.reassignSeconds = reassignSeconds;
    engine = DevEngine.start(DevEngineSettings.ephemeral().withTimings(new EngineTimings(
        Duration.ofSeconds(silentSeconds), Duration.ofSeconds(reassignSeconds), Duration.ofMinutes(15),
        Duration.ofHours(1), 200_000)));
    client = Hatchet.fromEnv(env(UnaryOperator.identity()));
  }

  int reassignSeconds() {
    return reassignSeconds;
  }

  /** The engine's variables for a worker, changed by {@code edit}. */
  Map<String, String> env(UnaryOperator<Map<String, String>> edit) {
    Map<String, String> env = new HashMap<>(engine.clientEnv());
    env.put("HATCHET_WORKER_HEALTH_PORT", "-1");
    return edit.apply(env);
  }

  /**
   * Worker timing scaled like the engine's: heartbeats at half the engine's silence limit, reconnect after 3
   * failed, never give up.
   */
  TimingSettings timing() {
    long silentMs = silentSeconds * 1000L;
    Duration beat = Duration.ofMillis(silentMs / 2);
    return new TimingSettings(beat, beat.multipliedBy(2), Duration.ofSeconds(2), Duration.ofSeconds(5), 0,
        Duration.ofSeconds(10), 3, Duration.ofMillis(300), Duration.ofSeconds(1));
  }

  /** Starts a worker named {@code name} with a {@code hold} task, on channels from {@code channels}. */
  Worker worker(String name, int slots, Map<String, String> env, ChannelFactory channels) throws Exception {
    Hatchet hatchet = Hatchet.builder().env(env).timing(timing()).drainTimeout(Duration.ofSeconds(5))
        .channelFactory(channels).build();
    hatchets.add(hatchet);
    Worker worker = hatchet.worker(name, WorkerOptions.slots(slots), hatchet.task("hold",
        TaskOptions.builder().executionTimeout(Duration.ofMinutes(10)).build(), Map.class, (input, ctx) -> {
          attempts.computeIfAbsent(ctx.taskRunExternalId(), k -> new CopyOnWriteArrayList<>()).add(ctx.attempt());
          Object retryMs = input.get("retryMs");
          Thread.sleep(((Number) (ctx.retryCount() > 0 && retryMs != null ? retryMs : input.get("ms"))).longValue());
          return Map.of("attempt", ctx.attempt().retryCount());
        }));
    workers.add(worker);
    worker.startAsync().get(60, java.util.concurrent.TimeUnit.SECONDS);
    return worker;
  }

  Worker worker(String name, int slots) throws Exception {
    return worker(name, slots, env(UnaryOperator.identity()), EngineChannels::open);
  }

  /** Task runs of the engine's only workflow run of each id that completed; compares with runs started. */
  String report(String scenario, int runs, long completed) {
    EngineCounters c = engine.scheduler().counters();
    long ranTwice = attempts.values().stream().filter(a -> a.size() > 1).count();
    return String.format("%s: %d runs, %d completed at the client, engine: %d succeeded, %d failed, %d reassigned "
        + "(internal retries), %d retried (task retries used); lost %d, duplicate completions %d; runs executed more "
        + "than once on workers (at-least-once) %d", scenario, runs, completed, c.succeeded(), c.failed(),
        c.reassigned(), c.retried(), runs - completed, c.succeeded() - completed, ranTwice);
  }

  @Override
  public void close() {
    workers.forEach(Worker::kill);
    hatchets.forEach(Hatchet::close);
    client.close();
    engine.close();
  }
}
