package io.hatchetoperator.worker.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.hatchetoperator.worker.ConcurrencyLimit.Strategy;
import io.hatchetoperator.worker.RunCancelledException;
import io.hatchetoperator.worker.RunHandle;
import io.hatchetoperator.worker.RunOptions;
import io.hatchetoperator.worker.TaskOptions;
import io.hatchetoperator.worker.TaskRef;
import io.hatchetoperator.worker.WorkflowOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Per-run priority and metadata, concurrency limits, event and cron triggers, scheduled runs: sent and honoured. */
@ExtendWith(DevEngineExtension.class)
class OptionSurfaceTest {
  record Job(String customer, String label) {}
  record Done(String label) {}

  @Test
  void theHighPriorityRunStartsFirstAndMetadataReachesTheTask(HatchetTestEngine env) throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch blocking = new CountDownLatch(1);
    List<String> started = new CopyOnWriteArrayList<>();
    TaskRef<Job, Done> prio = env.hatchet().task("prio", Job.class, Done.class, (job, ctx) -> {
      started.add(job.label() + "/" + ctx.additionalMetadata().getOrDefault("team", "-"));
      if (job.label().equals("block")) {
        blocking.countDown();
        release.await();
      }
      return new Done(job.label());
    });
    env.startWorker("one-slot", 1, prio);
    RunHandle<Done> block = prio.runNoWait(new Job("c", "block"));
    assertThat(blocking.await(10, TimeUnit.SECONDS)).isTrue();

    RunHandle<Done> low = prio.runNoWait(new Job("c", "low"), RunOptions.priority(1).withMetadata("team", "ops"));
    RunHandle<Done> high = prio.runNoWait(new Job("c", "high"), RunOptions.priority(3));
    release.countDown();

    assertThat(List.of(block.result(), low.result(), high.result())).extracting(Done::label)
        .containsExactly("block", "low", "high");
    assertThat(started).containsExactly("block/-", "high/-", "low/ops");
  }

  @Test
  void runsOfOneConcurrencyKeyNeverOverlapUnderGroupRoundRobin(HatchetTestEngine env) {
    Map<String, AtomicInteger> running = new ConcurrentHashMap<>();
    Map<String, Integer> maxSeen = new ConcurrentHashMap<>();
    TaskRef<Job, Done> limited = env.hatchet().task("limited", TaskOptions.DEFAULTS,
        WorkflowOptions.builder().concurrency("input.customer", 1, Strategy.GROUP_ROUND_ROBIN).build(),
        Job.class, Done.class, (job, ctx) -> {
          int now = running.computeIfAbsent(job.customer(), k -> new AtomicInteger()).incrementAndGet();
          maxSeen.merge(job.customer(), now, Math::max);
          Thread.sleep(30);
          running.get(job.customer()).decrementAndGet();
          return new Done(job.label());
        });
    env.startWorker("limited", 10, limited);

    List<Done> done = limited.runBulk(List.of(new Job("ann", "a1"), new Job("bob", "b1"), new Job("ann", "a2"),
        new Job("bob", "b2"), new Job("ann", "a3")));

    assertThat(done).extracting(Done::label).containsExactly("a1", "b1", "a2", "b2", "a3");
    assertThat(maxSeen).containsEntry("ann", 1).containsEntry("bob", 1);
  }

  record Pair(Done prepare, Done ship) {}

  @Test
  void aTaskLevelLimitSerialisesOnlyThatTaskOfADag(HatchetTestEngine env) {
    Map<String, AtomicInteger> shipping = new ConcurrentHashMap<>();
    Map<String, Integer> maxShipping = new ConcurrentHashMap<>();
    io.hatchetoperator.worker.WorkflowRef<Job, Pair> flow = env.hatchet().workflow("ship-flow", Job.class, Pair.class);
    TaskRef<Job, Done> prepare = flow.task("prepare", Done.class, (job, ctx) -> new Done(job.label()));
    flow.task("ship", TaskOptions.builder().parents(prepare)
        .concurrency("input.customer", 1, Strategy.GROUP_ROUND_ROBIN).build(), Done.class, (job, ctx) -> {
          int now = shipping.computeIfAbsent(job.customer(), k -> new AtomicInteger()).incrementAndGet();
          maxShipping.merge(job.customer(), now, Math::max);
          Thread.sleep(30);
          shipping.get(job.customer()).decrementAndGet();
          return new Done(job.label());
        });
    env.startWorker("ship", 10, flow);

    List<Pair> done = flow.runBulk(List.of(new Job("ann", "a1"), new Job("ann", "a2"), new Job("ann", "a3")));

    assertThat(done).extracting(p -> p.ship().label()).containsExactly("a1", "a2", "a3");
    assertThat(maxShipping).containsEntry("ann", 1);
  }

  @Test
  void cancelInProgressCancelsTheOlderRunOfTheSameKey(HatchetTestEngine env) throws Exception {
    CountDownLatch firstStarted = new CountDownLatch(1);
    TaskRef<Job, Done> latest = env.hatchet().task("latest", TaskOptions.DEFAULTS,
        WorkflowOptions.builder().concurrency("input.customer", 1, Strategy.CANCEL_IN_PROGRESS).build(),
        Job.class, Done.class, (job, ctx) -> {
          if (job.label().equals("old")) {
            firstStarted.countDown();
            while (!ctx.isCancelled()) {
              Thread.sleep(5);
            }
          }
          return new Done(job.label());
        });
    env.startWorker("latest", 4, latest);
    RunHandle<Done> old = latest.runNoWait(new Job("ann", "old"));
    assertThat(firstStarted.await(10, TimeUnit.SECONDS)).isTrue();

    assertThat(latest.run(new Job("ann", "new"))).isEqualTo(new Done("new"));
    assertThatThrownBy(old::result).isInstanceOf(RunCancelledException.class);
  }

  @Test
  void aPushedEventStartsTheWorkflowsThatListenToItsKey(HatchetTestEngine env) {
    List<Job> seen = new CopyOnWriteArrayList<>();
    TaskRef<Job, Done> onPaid = env.hatchet().task("on-paid", TaskOptions.DEFAULTS,
        WorkflowOptions.builder().onEvent("order:paid").build(), Job.class, Done.class, (job, ctx) -> {
          seen.add(job);
          return new Done(job.label());
        });
    env.startWorker("events", 2, onPaid);

    env.hatchet().client().push("order:paid", new Job("ann", "e1"));
    env.hatchet().client().push("order:refunded", new Job("ann", "ignored"));

    await().atMost(Duration.ofSeconds(10)).until(() -> !seen.isEmpty());
    assertThat(seen).containsExactly(new Job("ann", "e1"));
  }

  @Test
  void scheduledAndCronRunsStartWhenTheEnginesClockReachesThem(HatchetTestEngine env) {
    List<String> seen = new CopyOnWriteArrayList<>();
    TaskRef<Job, Done> timed = env.hatchet().task("timed", TaskOptions.DEFAULTS,
        WorkflowOptions.builder().onCron("0 * * * *").cronInput(new Job("cron", "hourly")).build(),
        Job.class, Done.class, (job, ctx) -> {
          seen.add(job.label());
          return new Done(job.label());
        });
    env.startWorker("timed", 2, timed);
    String scheduleId = timed.schedule(env.clock().instant().plus(Duration.ofMinutes(30)), new Job("s", "at-30m"));
    assertThat(scheduleId).isNotBlank();

    env.advance(Duration.ofMinutes(29));
    await().during(Duration.ofMillis(100)).atMost(Duration.ofSeconds(5)).until(seen::isEmpty);
    env.advance(Duration.ofMinutes(1));
    await().atMost(Duration.ofSeconds(10)).until(() -> seen.contains("at-30m"));
    assertThat(seen).doesNotContain("hourly");

    env.advance(Duration.ofMinutes(31));
    await().atMost(Duration.ofSeconds(10)).until(() -> seen.contains("hourly"));
  }
}
