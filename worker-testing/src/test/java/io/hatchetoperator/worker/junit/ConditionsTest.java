package io.hatchetoperator.worker.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.hatchetoperator.engine.core.TaskState;
import io.hatchetoperator.worker.Condition;
import io.hatchetoperator.worker.RunCancelledException;
import io.hatchetoperator.worker.RunHandle;
import io.hatchetoperator.worker.TaskOptions;
import io.hatchetoperator.worker.TaskRef;
import io.hatchetoperator.worker.WorkflowRef;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Task conditions of the Java SDK end to end on the dev engine's manual clock: waitFor a sleep counts from the
 * parent's end, skipIf on a parent's output skips the task while its sibling and their child run, cancelIf an event
 * cancels the waiting task and its run.
 */
@ExtendWith(DevEngineExtension.class)
class ConditionsTest {
  record Stock(int units) {}
  record Done(boolean ran) {}

  private static void awaitCompleted(HatchetTestEngine env, RunHandle<?> run, String task) {
    await().atMost(Duration.ofSeconds(10)).until(() -> env.engine().scheduler().readRun(run.runId(),
        r -> r.tasks().get(task).state()) == TaskState.COMPLETED);
  }

  @Test
  void waitForASleepStartsTheTaskWhenTheClockPassedItAfterTheParentEnded(HatchetTestEngine env) throws Exception {
    WorkflowRef<Stock, JsonNode> restock = env.hatchet().workflow("cond-restock", Stock.class, JsonNode.class);
    TaskRef<Stock, Stock> check = restock.task("check", Stock.class, (in, ctx) -> in);
    restock.task("reorder", TaskOptions.builder().parents(check).waitFor(Condition.sleep(Duration.ofMinutes(10)))
        .build(), Done.class, (in, ctx) -> new Done(true));
    env.startWorker("cond-sleeper", 4, restock);

    RunHandle<JsonNode> run = restock.runNoWait(new Stock(3));
    CompletableFuture<JsonNode> result = run.resultAsync();
    awaitCompleted(env, run, "check");
    env.advance(Duration.ofMinutes(9));
    await("reorder waits out its sleep").during(Duration.ofMillis(300)).until(() -> !result.isDone());

    env.advance(Duration.ofMinutes(1));
    assertThat(result.get(10, TimeUnit.SECONDS).at("/reorder/ran").asBoolean()).isTrue();
  }

  @Test
  void skipIfAParentOutputSkipsTheTaskWhileItsSiblingAndTheirChildRun(HatchetTestEngine env) {
    WorkflowRef<Stock, JsonNode> flow = env.hatchet().workflow("cond-skip", Stock.class, JsonNode.class);
    TaskRef<Stock, Stock> check = flow.task("check", Stock.class, (in, ctx) -> in);
    TaskRef<Stock, Done> reorder = flow.task("reorder", TaskOptions.builder().parents(check)
        .skipIf(Condition.or(Condition.parent(check, "output.units > 5"), Condition.parent(check, "output.units < 0")))
        .build(), Done.class, (in, ctx) -> new Done(true));
    TaskRef<Stock, Done> audit = flow.task("audit", TaskOptions.builder().parents(check).build(), Done.class,
        (in, ctx) -> new Done(true));
    flow.task("report", TaskOptions.builder().parents(reorder, audit).build(), Map.class,
        (in, ctx) -> Map.of("reorder", ctx.parentOutput(reorder)));
    env.startWorker("cond-skipper", 4, flow);

    JsonNode plenty = flow.run(new Stock(9));
    assertThat(plenty.get("reorder").toString()).isEqualTo("{\"skipped\":true}");
    assertThat(plenty.at("/audit/ran").asBoolean()).isTrue();
    assertThat(plenty.at("/report/reorder/ran").asBoolean()).as("a skipped parent reads as ran=false").isFalse();
    JsonNode few = flow.run(new Stock(2));
    assertThat(few.at("/reorder/ran").asBoolean()).isTrue();
    assertThat(few.at("/report/reorder/ran").asBoolean()).isTrue();
  }

  @Test
  void cancelIfAnEventCancelsTheWaitingTaskAndItsRun(HatchetTestEngine env) {
    WorkflowRef<Stock, JsonNode> flow = env.hatchet().workflow("cond-cancel", Stock.class, JsonNode.class);
    TaskRef<Stock, Stock> check = flow.task("check", Stock.class, (in, ctx) -> in);
    flow.task("ship", TaskOptions.builder().parents(check).waitFor(Condition.sleep(Duration.ofHours(1)))
        .cancelIf(Condition.event("order:void", "input.units == 3")).build(), Done.class, (in, ctx) -> new Done(true));
    env.startWorker("cond-canceller", 4, flow);

    RunHandle<JsonNode> run = flow.runNoWait(new Stock(3));
    awaitCompleted(env, run, "check");
    env.hatchet().client().push("order:void", new Stock(4));  // the expression refuses it
    await().during(Duration.ofMillis(200)).until(() -> env.engine().scheduler().readRun(run.runId(),
        r -> r.tasks().get("ship").state()) == TaskState.PENDING);
    env.hatchet().client().push("order:void", new Stock(3));

    assertThatThrownBy(run::result).isInstanceOf(RunCancelledException.class);
    String error = env.engine().scheduler().readRun(run.runId(), r -> r.tasks().get("ship").error());
    assertThat(error).contains("cancel_if");
  }
}
