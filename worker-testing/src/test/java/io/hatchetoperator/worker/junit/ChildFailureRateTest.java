package io.hatchetoperator.worker.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.hatchetoperator.worker.RateLimit;
import io.hatchetoperator.worker.RunHandle;
import io.hatchetoperator.worker.TaskFailedException;
import io.hatchetoperator.worker.TaskFailure;
import io.hatchetoperator.worker.TaskOptions;
import io.hatchetoperator.worker.TaskRef;
import io.hatchetoperator.worker.WorkflowRef;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Child runs from a task, the on-failure task, static rate limits: sent and honoured by the dev engine. */
@ExtendWith(DevEngineExtension.class)
class ChildFailureRateTest {
  record Num(int n) {}
  record Order(String id) {}
  record Noted(String note) {}
  record Outputs(Noted charge) {}

  @Test
  void aChildsOutputReachesItsParentAndARetriedParentGetsTheSameChild(HatchetTestEngine env) {
    AtomicInteger childRuns = new AtomicInteger();
    AtomicInteger parentAttempts = new AtomicInteger();
    TaskRef<Num, Num> square = env.hatchet().task("square", Num.class, Num.class, (in, ctx) -> {
      childRuns.incrementAndGet();
      return new Num(in.n() * in.n());
    });
    TaskRef<Num, Num> parent = env.hatchet().task("sum-of-squares", TaskOptions.builder().retries(1).build(),
        Num.class, Num.class, (in, ctx) -> {
          Num first = ctx.runChild(square, new Num(in.n()));
          if (parentAttempts.incrementAndGet() == 1) {
            throw new IllegalStateException("first attempt fails after its child finished");
          }
          Num second = ctx.runChild(square, new Num(in.n() + 1));
          return new Num(first.n() + second.n());
        });
    env.startWorker("children", 10, square, parent);

    assertThat(parent.run(new Num(3))).isEqualTo(new Num(9 + 16));
    assertThat(parentAttempts).hasValue(2);
    assertThat(childRuns).as("the retry got child #0 back instead of starting it again").hasValue(2);
  }

  @Test
  void bulkChildrenReturnTheirOutputsInInputOrder(HatchetTestEngine env) {
    TaskRef<Num, Num> cube = env.hatchet().task("cube", Num.class, Num.class,
        (in, ctx) -> new Num(in.n() * in.n() * in.n()));
    TaskRef<Num, Num> total = env.hatchet().task("sum-of-cubes", Num.class, Num.class, (in, ctx) ->
        new Num(ctx.runChildren(cube, List.of(new Num(1), new Num(2), new Num(3), new Num(in.n())))
            .stream().mapToInt(Num::n).sum()));
    env.startWorker("bulk-children", 10, cube, total);

    assertThat(total.run(new Num(4))).isEqualTo(new Num(1 + 8 + 27 + 64));
  }

  record Call(String customer, int n) {}

  @Test
  void aDynamicRateLimitLimitsEachKeyOnItsOwn(HatchetTestEngine env) {
    List<String> started = new CopyOnWriteArrayList<>();
    TaskRef<Call, Num> perCustomer = env.hatchet().task("per-customer", TaskOptions.builder()
        .rateLimit(RateLimit.dynamic("input.customer", 1, 1, RateLimit.Window.MINUTE))
        .scheduleTimeout(Duration.ofHours(1)).build(), Call.class, Num.class, (in, ctx) -> {
          started.add(in.customer() + in.n());
          return new Num(in.n());
        });
    env.startWorker("per-customer", 10, perCustomer);

    List<RunHandle<Num>> runs = perCustomer.runBulkNoWait(List.of(new Call("ann", 1), new Call("bob", 1),
        new Call("ann", 2)));
    await().atMost(Duration.ofSeconds(10)).until(() -> started.size() == 2);
    await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(5)).until(() -> started.size() == 2);
    assertThat(started).containsExactlyInAnyOrder("ann1", "bob1");

    env.advance(Duration.ofMinutes(1));

    assertThat(runs.get(2).result()).isEqualTo(new Num(2));
    assertThat(started).containsExactlyInAnyOrder("ann1", "bob1", "ann2");
  }

  @Test
  void theOnFailureTaskRunsOnceAndSeesTheFailedTasksError(HatchetTestEngine env) {
    AtomicReference<Map<String, TaskFailure>> seen = new AtomicReference<>();
    WorkflowRef<Order, Outputs> flow = env.hatchet().workflow("charge-flow", Order.class, Outputs.class);
    flow.task("charge", Noted.class, (order, ctx) -> {
      throw new IllegalArgumentException("card declined for " + order.id());
    });
    flow.onFailure("alert", TaskOptions.DEFAULTS, Noted.class, (order, ctx) -> {
      seen.set(ctx.taskRunErrors());
      return new Noted("alerted " + order.id());
    });
    env.startWorker("failures", 4, flow);

    assertThatThrownBy(() -> flow.run(new Order("o-9"))).isInstanceOf(TaskFailedException.class);
    await().atMost(Duration.ofSeconds(10)).until(() -> seen.get() != null);
    assertThat(seen.get()).containsOnlyKeys("charge");
    assertThat(seen.get().get("charge").type()).isEqualTo("java.lang.IllegalArgumentException");
    assertThat(seen.get().get("charge").message()).isEqualTo("card declined for o-9");
  }

  @Test
  void aStaticRateLimitHoldsRunsUntilItsWindowRefillsOnTheEnginesClock(HatchetTestEngine env) {
    env.hatchet().client().putRateLimit("partner-api", 2, RateLimit.Window.MINUTE);
    List<Integer> started = new CopyOnWriteArrayList<>();
    TaskRef<Num, Num> call = env.hatchet().task("call-partner",
        TaskOptions.builder().rateLimit("partner-api", 1).scheduleTimeout(Duration.ofHours(1)).build(),
        Num.class, Num.class, (in, ctx) -> {
          started.add(in.n());
          return in;
        });
    env.startWorker("limited-calls", 10, call);

    List<RunHandle<Num>> runs = call.runBulkNoWait(List.of(new Num(1), new Num(2), new Num(3), new Num(4)));
    await().atMost(Duration.ofSeconds(10)).until(() -> started.size() == 2);
    await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(5)).until(() -> started.size() == 2);

    env.advance(Duration.ofMinutes(1));

    assertThat(runs.stream().map(RunHandle::result).map(Num::n)).containsExactlyInAnyOrder(1, 2, 3, 4);
    assertThat(started).hasSize(4);
  }
}
