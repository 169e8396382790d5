package io.hatchetoperator.worker.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.hatchetoperator.worker.Hatchet;
import io.hatchetoperator.worker.RunCancelledException;
import io.hatchetoperator.worker.Worker;
import io.hatchetoperator.worker.WorkerOptions;
import io.hatchetoperator.worker.RunHandle;
import io.hatchetoperator.worker.TaskFailedException;
import io.hatchetoperator.worker.TaskOptions;
import io.hatchetoperator.worker.TaskRef;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Durable tasks end to end on the dev engine's clock: a sleep lasts exactly as long as the engine's clock says, also
 * across the loss of its worker (the replay on another worker keeps the first deadline and gets the first memo), an event wait gets the
 * payload of the first event that matches its key and expression, a cancelled wait stops.
 */
@ExtendWith(DevEngineExtension.class)
class DurableTest {
  record Order(String id) {}
  record Nap(long seconds) {}
  record Remembered(long seconds, int firstBody) {}
  record Payment(String orderId, int cents) {}

  /** The execution timeout runs on while a task waits (the engine cancels it at 60 s by default). */
  static final io.hatchetoperator.worker.config.HatchetSettings.TimingSettings FAST_BEATS =
      new io.hatchetoperator.worker.config.HatchetSettings.TimingSettings(Duration.ofMillis(100), Duration.ofSeconds(2),
          Duration.ofMillis(200), Duration.ofSeconds(5), 0, Duration.ofSeconds(5), 3, Duration.ofMillis(100),
          Duration.ofMillis(300));

  static final TaskOptions LONG_RUNNING = TaskOptions.builder().executionTimeout(Duration.ofDays(3)).build();

  @Test
  void aDurableSleepEndsWhenTheEnginesClockPassesItAndNotBefore(HatchetTestEngine env) throws Exception {
    TaskRef<Order, Nap> nap = env.hatchet().durableTask("e2e-nap", LONG_RUNNING, Order.class, Nap.class,
        (order, ctx) -> new Nap(ctx.sleepFor(Duration.ofHours(1)).toSeconds()));
    env.startWorker("durable-sleeper", 1, nap);
    int before = waits(env);
    RunHandle<Nap> run = nap.runNoWait(new Order("o-1"));
    CompletableFuture<Nap> result = run.resultAsync();
    awaitNewWait(env, before);

    env.advance(Duration.ofMinutes(59));
    await("the sleep outlasts 59 minutes").during(Duration.ofMillis(300)).until(() -> !result.isDone());

    env.advance(Duration.ofMinutes(1));
    assertThat(result.get(10, TimeUnit.SECONDS)).isEqualTo(new Nap(3600));
  }

  @Test
  void waitForEventReturnsTheTypedPayloadOfTheFirstEventMatchingKeyAndExpression(HatchetTestEngine env) {
    TaskRef<Order, Payment> settle = env.hatchet().durableTask("e2e-settle", Order.class, Payment.class,
        (order, ctx) -> ctx.waitForEvent("payment:" + order.id(), "input.cents > 100", Payment.class));
    env.startWorker("durable-waiter", 1, settle);
    int before = waits(env);
    RunHandle<Payment> run = settle.runNoWait(new Order("o-2"));
    awaitNewWait(env, before);

    env.hatchet().client().push("payment:o-2", new Payment("o-2", 50));   // the expression refuses it
    env.hatchet().client().push("payment:o-3", new Payment("o-3", 900));  // another key
    env.hatchet().client().push("payment:o-2", new Payment("o-2", 700));

    assertThat(run.result()).isEqualTo(new Payment("o-2", 700));
  }

  record Approval(String orderId, boolean timedOut, int cents) {}

  @Test
  void anEventWaitWithATimeoutGetsTheEventOrEndsEmptyWhenTheEnginesClockPassesTheTimeout(HatchetTestEngine env)
      throws Exception {
    TaskRef<Order, Approval> approve = env.hatchet().durableTask("e2e-approve", LONG_RUNNING, Order.class,
        Approval.class, (order, ctx) -> ctx.waitForEvent("approval:" + order.id(), "", Payment.class,
            Duration.ofHours(1)).map(p -> new Approval(order.id(), false, p.cents()))
            .orElse(new Approval(order.id(), true, 0)));
    env.startWorker("durable-approver", 2, approve);
    int before = waits(env);
    CompletableFuture<Approval> approved = approve.runNoWait(new Order("o-9")).resultAsync();
    CompletableFuture<Approval> late = approve.runNoWait(new Order("o-10")).resultAsync();
    await("the engine holds both waits").until(() -> waits(env) >= before + 2);

    env.hatchet().client().push("approval:o-9", new Payment("o-9", 30));
    assertThat(approved.get(10, TimeUnit.SECONDS)).isEqualTo(new Approval("o-9", false, 30));
    assertThat(late).isNotDone();
    env.advance(Duration.ofHours(1));
    assertThat(late.get(10, TimeUnit.SECONDS)).isEqualTo(new Approval("o-10", true, 0));
  }

  @Test
  void cancellingASleepingRunStopsItsTaskAtOnce(HatchetTestEngine env) {
    AtomicReference<Throwable> ended = new AtomicReference<>();
    TaskRef<Order, Nap> nap = env.hatchet().durableTask("e2e-cancelled-nap", LONG_RUNNING, Order.class, Nap.class,
        (order, ctx) -> {
      try {
        return new Nap(ctx.sleepFor(Duration.ofDays(1)).toSeconds());
      } catch (RuntimeException e) {
        ended.set(e);
        throw e;
      }
    });
    env.startWorker("durable-cancelled", 1, nap);
    int before = waits(env);
    RunHandle<Nap> run = nap.runNoWait(new Order("o-4"));
    awaitNewWait(env, before);

    run.cancel();

    await().untilAsserted(() -> assertThat(ended.get()).isInstanceOf(RunCancelledException.class));
  }

  @Test
  void aSleepOutlivesItsWorkerTheReplayOnAnotherWorkerKeepsTheFirstDeadlineAndMemo(HatchetTestEngine env)
      throws Exception {
    AtomicInteger bodies = new AtomicInteger();
    TaskRef<Order, Remembered> nap = env.hatchet().durableTask("e2e-replayed-nap", LONG_RUNNING, Order.class,
        Remembered.class, (order, ctx) -> {
          int body = bodies.incrementAndGet();
          int first = ctx.memo(java.util.List.of("body"), Integer.class, () -> body);
          return new Remembered(ctx.sleepFor(Duration.ofDays(3)).toSeconds(), first);
        });
    Worker first = env.startWorker("durable-first", 1, nap);
    int before = waits(env);
    CompletableFuture<Remembered> result = nap.runNoWait(new Order("o-5")).resultAsync();
    awaitNewWait(env, before);
    first.kill();
    Hatchet beating = env.hatchetBuilder().timing(FAST_BEATS).build();
    Worker second = env.startWorker(beating, "durable-second", WorkerOptions.slots(1), nap);

    env.advance(Duration.ofHours(23)); // the second worker beats at the new time, the first stays silent
    long now = env.clock().millis();
    await().until(() -> env.engine().scheduler().workers().stream().anyMatch(
        w -> w.id().equals(second.workerId().orElseThrow()) && w.lastHeartbeatMillis() >= now));
    env.advance(Duration.ofHours(2));  // 25 h without a beat: the first worker is lost, its task moves

    await("the task replays on the second worker").until(() -> bodies.get() == 2);
    await().during(Duration.ofMillis(300)).until(() -> !result.isDone());
    env.advance(Duration.ofHours(47)); // 3 days after the first sleepFor, 47 h after the replay's
    assertThat(result.get(10, TimeUnit.SECONDS)).as("the replay got the first body's memo")
        .isEqualTo(new Remembered(Duration.ofDays(3).toSeconds(), 1));
    beating.close();
  }

  @Test
  void aDrainingWorkerEvictsItsSleepingRunWhichFinishesOnAnotherWorker(HatchetTestEngine env) throws Exception {
    AtomicInteger bodies = new AtomicInteger();
    TaskRef<Order, Nap> nap = env.hatchet().durableTask("e2e-evicted-nap", LONG_RUNNING, Order.class, Nap.class,
        (order, ctx) -> {
          bodies.incrementAndGet();
          return new Nap(ctx.sleepFor(Duration.ofHours(5)).toSeconds());
        });
    Worker first = env.startWorker("durable-drained", 1, nap);
    int before = waits(env);
    CompletableFuture<Nap> result = nap.runNoWait(new Order("o-6")).resultAsync();
    awaitNewWait(env, before);

    first.shutdown().get(10, TimeUnit.SECONDS); // the drain timeout is 60 s: the eviction ends it at once
    env.startWorker("durable-next", 1, nap);
    env.advance(Duration.ofHours(5));

    assertThat(result.get(10, TimeUnit.SECONDS)).isEqualTo(new Nap(Duration.ofHours(5).toSeconds()));
    assertThat(bodies.get()).as("the evicted run replayed on the next worker").isEqualTo(2);
  }

  @Test
  void anExpressionTheEngineRefusesFailsTheRunWithTheEnginesReason(HatchetTestEngine env) {
    TaskRef<Order, Payment> bad = env.hatchet().durableTask("e2e-bad-wait", Order.class, Payment.class,
        (order, ctx) -> ctx.waitForEvent("payment:" + order.id(), "input.cents >>> 3", Payment.class));
    env.startWorker("durable-refused", 1, bad);

    assertThatThrownBy(() -> bad.run(new Order("o-8"))).isInstanceOfSatisfying(TaskFailedException.class, e -> {
      assertThat(e.errorType()).endsWith("EngineRejectedException");
      assertThat(e.errorMessage()).contains("the engine rejected a durable call")
          .contains("user_event_conditions[0].base.expression = 'input.cents >>> 3'");
    });
  }

  /**
   * Until the engine holds one more durable wait than {@code before}: the test's. The engine is shared by the class
   * and drops the waits of ended runs only when its clock moves, so counts are compared, not expected.
   */
  private static void awaitNewWait(HatchetTestEngine env, int before) {
    await("the engine holds the durable wait").until(() -> waits(env) > before);
  }

  private static int waits(HatchetTestEngine env) {
    return env.engine().scheduler().durable().waitsHeld();
  }
}
