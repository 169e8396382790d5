package io.hatchetoperator.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.hatchetoperator.engine.DevEngine;
import io.hatchetoperator.engine.DevEngineSettings;
import io.hatchetoperator.engine.core.TriggerRequest;
import io.hatchetoperator.worker.ConcurrencyLimit.Strategy;
import io.hatchetoperator.worker.Hatchet;
import io.hatchetoperator.worker.RunCancelledException;
import io.hatchetoperator.worker.RunHandle;
import io.hatchetoperator.worker.TaskOptions;
import io.hatchetoperator.worker.TaskRef;
import io.hatchetoperator.worker.Worker;
import io.hatchetoperator.worker.WorkerOptions;
import io.hatchetoperator.worker.WorkflowOptions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Child runs across SDKs with real processes (a TypeScript parent spawning a Java child and a Java parent spawning a
 * TypeScript child, the engine recording the parent linkage), durable tasks across SDKs (a Java durable task gets the
 * event the TypeScript client pushes; a TypeScript durable task spawns a Java child through its event log), and the one
 * ConformanceIT scenario the Java SDK's own tests in worker-testing do not cover, CANCEL_NEWEST, with Java as worker
 * and client. One engine, one node process.
 */
class CrossSdkConformanceIT {
  record Num(int n) {}
  record JavaChild(int n, int doubled, String sdk) {}
  record TsChild(int n, int tripled, String sdk, String parent) {}
  record JavaParent(String childRunId, TsChild child, String parentRunId, String parentTaskId) {}
  record TsParent(String childRunId, JavaChild child, String parentRunId, String parentTaskId) {}
  record Job(String group, String tag, int ms) {}
  record Done(String tag) {}
  record Awaited(String order) {}
  record Paid(String order, int cents) {}
  record DurableChild(int n, String parent) {}
  record TsDurableParent(DurableChild child, String parentTaskId) {}

  private static final String NOT_HERE = " runs on the TypeScript worker (cross-child-worker.js), not on this one";

  private static DevEngine engine;
  private static Hatchet hatchet;
  private static Worker worker;
  private static Process ts;
  private static TaskRef<Num, TsParent> tsParent;
  private static TaskRef<Num, JavaParent> javaParent;
  private static TaskRef<Job, Done> newest;
  private static TaskRef<Awaited, Paid> javaWaiter;
  private static TaskRef<Num, TsDurableParent> tsDurableParent;
  private static final List<String> newestStarted = new CopyOnWriteArrayList<>();
  private static final CountDownLatch firstStarted = new CountDownLatch(1);

  @BeforeAll
  static void start() throws Exception {
    engine = DevEngine.start(DevEngineSettings.ephemeral());
    ts = NodeScript.start(engine, "xs-ts-worker", "cross-child-worker.js");
    hatchet = Hatchet.fromEnv(JavaSampleWorkerIT.env(engine));
    // the TypeScript tasks, declared here only to be run from Java: never registered on the Java worker
    TaskRef<Num, TsChild> tsChild = hatchet.task("xs-ts-child", Num.class, TsChild.class, (in, ctx) -> {
      throw new IllegalStateException("xs-ts-child" + NOT_HERE);
    });
    tsParent = hatchet.task("xs-ts-parent", Num.class, TsParent.class, (in, ctx) -> {
      throw new IllegalStateException("xs-ts-parent" + NOT_HERE);
    });
    TaskRef<Num, JavaChild> javaChild = hatchet.task("xs-java-child", Num.class, JavaChild.class,
        (in, ctx) -> new JavaChild(in.n(), in.n() * 2, "java"));
    javaParent = hatchet.task("xs-java-parent", Num.class, JavaParent.class, (in, ctx) -> {
      RunHandle<TsChild> child = ctx.runChildNoWait(tsChild, new Num(in.n()), "ts");
      return new JavaParent(child.runId(), child.result(), ctx.workflowRunId(), ctx.taskRunExternalId());
    });
    newest = hatchet.task("xs-newest", TaskOptions.DEFAULTS,
        WorkflowOptions.builder().concurrency("input.group", 1, Strategy.CANCEL_NEWEST).build(),
        Job.class, Done.class, (job, ctx) -> {
          newestStarted.add(job.tag());
          firstStarted.countDown();
          Thread.sleep(job.ms());
          return new Done(job.tag());
        });
    tsDurableParent = hatchet.task("xs-ts-durable-parent", Num.class, TsDurableParent.class, (in, ctx) -> {
      throw new IllegalStateException("xs-ts-durable-parent" + NOT_HERE);
    });
    TaskRef<Num, DurableChild> durableChild = hatchet.task("xs-java-durable-child", Num.class, DurableChild.class,
        (in, ctx) -> new DurableChild(in.n(), ctx.parentWorkflowRunId().orElse(null)));
    javaWaiter = hatchet.durableTask("xs-java-waiter", Awaited.class, Paid.class,
        (in, ctx) -> ctx.waitForEvent("interop:event", "input.order == '" + in.order() + "'", Paid.class));
    worker = hatchet.worker("xs-java", WorkerOptions.slots(10), javaChild, javaParent, newest, durableChild,
        javaWaiter);
    worker.startAsync().get(30, TimeUnit.SECONDS);
    await().atMost(Duration.ofSeconds(30)).until(() -> engine.scheduler().workers().stream()
        .filter(w -> w.status().equals("ACTIVE")).map(w -> w.name()).toList().containsAll(List.of("xs-ts", "xs-java")));
  }

  @AfterAll
  static void stop() throws Exception {
    if (ts != null) {
      ts.destroy();
      ts.waitFor(20, TimeUnit.SECONDS);
    }
    if (worker != null) {
      worker.kill();
    }
    if (hatchet != null) {
      hatchet.close();
    }
    engine.close();
  }

  @Test
  void a_java_durable_task_gets_the_payload_of_the_event_the_typescript_client_pushes() throws Exception {
    int before = engine.scheduler().durable().waitsHeld();
    RunHandle<Paid> waiting = javaWaiter.runNoWait(new Awaited("o-7"));
    await().atMost(Duration.ofSeconds(20)).until(() -> engine.scheduler().durable().waitsHeld() > before);

    NodeScript.result(engine, "xs-event-other", Duration.ofSeconds(30), "client.js", "event",
        "{\"order\":\"o-6\",\"cents\":1}");
    NodeScript.result(engine, "xs-event", Duration.ofSeconds(30), "client.js", "event",
        "{\"order\":\"o-7\",\"cents\":42}");

    assertThat(waiting.result()).as("the event matching the expression, typed").isEqualTo(new Paid("o-7", 42));
  }

  @Test
  void a_typescript_durable_task_spawns_a_java_child_through_its_event_log() {
    TsDurableParent out = tsDurableParent.run(new Num(4));

    assertThat(out.child()).as("the Java child's output reaches the TS durable parent, and the Java child's "
        + "ctx.parentWorkflowRunId() is that parent's task run, as for a TS child").isEqualTo(
        new DurableChild(4, out.parentTaskId()));
  }

  private static TriggerRequest recorded(String runId) {
    return engine.scheduler().readRun(runId, r -> r.request());
  }

  @Test
  void a_typescript_parent_spawns_a_java_child_and_gets_its_output() {
    TsParent out = tsParent.run(new Num(21));

    assertThat(out.child()).isEqualTo(new JavaChild(21, 42, "java"));
    assertThat(out.parentRunId()).isNotBlank().isNotEqualTo(out.childRunId());
    TriggerRequest child = recorded(out.childRunId());
    assertThat(child.workflowName()).isEqualTo("xs-java-child");
    assertThat(child.parentRunId()).as("the engine links the Java child to the TS parent run").isEqualTo(
        out.parentRunId());
    assertThat(child.parentTaskId()).isEqualTo(out.parentTaskId());
  }

  @Test
  void a_java_parent_spawns_a_typescript_child_and_gets_its_output() {
    JavaParent out = javaParent.run(new Num(5));

    assertThat(out.child()).as("the TS SDK's ctx.parentWorkflowRunId() is the parent task, as Hatchet sends it")
        .isEqualTo(new TsChild(5, 15, "typescript", out.parentTaskId()));
    assertThat(out.parentRunId()).isNotBlank().isNotEqualTo(out.childRunId());
    TriggerRequest child = recorded(out.childRunId());
    assertThat(child.workflowName()).isEqualTo("xs-ts-child");
    assertThat(child.parentRunId()).as("the engine links the TS child to the Java parent run").isEqualTo(
        out.parentRunId());
    assertThat(child.parentTaskId()).isEqualTo(out.parentTaskId());
    assertThat(child.childKey()).isEqualTo("ts");
  }

  @Test
  void cancel_newest_cancels_the_java_arrival_at_a_full_key_and_lets_the_running_run_finish() throws Exception {
    RunHandle<Done> first = newest.runNoWait(new Job("n", "first", 600));
    assertThat(firstStarted.await(10, TimeUnit.SECONDS)).isTrue();
    RunHandle<Done> second = newest.runNoWait(new Job("n", "second", 0));

    assertThatThrownBy(second::result).isInstanceOf(RunCancelledException.class);
    assertThat(first.result()).isEqualTo(new Done("first"));
    assertThat(newest.run(new Job("n", "third", 0))).as("the key takes runs again once free")
        .isEqualTo(new Done("third"));
    assertThat(newestStarted).as("the cancelled arrival never started").containsExactly("first", "third");
  }
}
