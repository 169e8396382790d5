package io.hatchetoperator.engine.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hatchetoperator.proto.v1.Concurrency;
import io.hatchetoperator.proto.v1.ConcurrencyLimitStrategy;
import io.hatchetoperator.proto.v1.CreateWorkflowVersionRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Concurrency strategies on the core: slots per key, the three strategies, priority, retries, bad keys. */
class ConcurrencyTest {

  private final Engines e = new Engines();

  private void limited(String name, String expr, int maxRuns, ConcurrencyLimitStrategy s) {
    e.workflow(name, Engines.task(name, name).addConcurrency(Concurrency.newBuilder().setExpression(expr)
        .setMaxRuns(maxRuns).setLimitStrategy(s)));
  }

  private String run(String wf, String group, int priority) {
    return e.scheduler.trigger(new TriggerRequest(wf, "{\"group\":\"" + group + "\"}", "{}", priority, null, null,
        null, null, null, null));
  }

  private static List<String> groups(List<TaskRun> tasks) {
    return tasks.stream().map(t -> t.run().request().inputJson().replaceAll(".*\"group\":\"([^\"]*)\".*", "$1"))
        .toList();
  }

  @Test
  void group_round_robin_runs_at_most_max_runs_per_key_and_queues_the_rest() {
    limited("rr", "input.group", 1, ConcurrencyLimitStrategy.GROUP_ROUND_ROBIN);
    RecordingSink w = e.worker("w", 10, "rr:rr");
    String a1 = run("rr", "a", 1);
    run("rr", "a", 1);
    run("rr", "b", 1);
    assertThat(groups(w.started)).containsExactly("a", "b");
    TaskStat stat = e.scheduler.taskStats(List.of("rr")).get("rr");
    assertThat(stat.queued()).isEqualTo(1);
    assertThat(stat.queuedConcurrency()).containsExactly(new TaskStat.ConcurrencyStat("input.group",
        "GROUP_ROUND_ROBIN", java.util.Map.of("a", 1L)));
    assertThat(stat.runningConcurrency().get(0).keys()).containsEntry("a", 1L).containsEntry("b", 1L);
    e.complete(w.started.get(0), "{}");
    assertThat(e.state(a1)).isEqualTo(TaskState.COMPLETED);
    assertThat(groups(w.started)).containsExactly("a", "b", "a");
  }

  @Test
  void the_highest_priority_waiting_task_of_a_key_gets_the_freed_slot() {
    limited("pr", "input.group", 1, ConcurrencyLimitStrategy.GROUP_ROUND_ROBIN);
    RecordingSink w = e.worker("w", 10, "pr:pr");
    run("pr", "a", 1);
    run("pr", "a", 1);
    String urgent = run("pr", "a", 3);
    e.complete(w.started.get(0), "{}");
    assertThat(w.last().run().id()).isEqualTo(urgent);
  }

  @Test
  void cancel_newest_cancels_arrivals_at_a_full_key_and_never_the_running_task() {
    limited("cn", "input.group", 1, ConcurrencyLimitStrategy.CANCEL_NEWEST);
    RecordingSink w = e.worker("w", 10, "cn:cn");
    String first = run("cn", "a", 1);
    String second = run("cn", "a", 3);
    assertThat(e.state(second)).isEqualTo(TaskState.CANCELLED);
    assertThat(e.error(second, "cn")).contains("CANCEL_NEWEST").contains("key 'a'");
    assertThat(e.state(first)).isEqualTo(TaskState.RUNNING);
    assertThat(w.cancelled).isEmpty();
  }

  @Test
  void cancel_in_progress_cancels_the_running_task_for_the_newest_arrival() {
    limited("cip", "input.group", 1, ConcurrencyLimitStrategy.CANCEL_IN_PROGRESS);
    RecordingSink w = e.worker("w", 10, "cip:cip");
    String first = run("cip", "a", 1);
    String second = run("cip", "a", 1);
    assertThat(e.state(first)).isEqualTo(TaskState.CANCELLED);
    assertThat(w.cancelled).extracting(t -> t.run().id()).containsExactly(first);
    assertThat(e.state(second)).isEqualTo(TaskState.RUNNING);
    assertThat(w.last().run().id()).isEqualTo(second);
  }

  @Test
  void a_retry_gives_up_its_slot_and_queues_behind_nothing_newer() {
    e.workflow("re", Engines.task("re", "re").setRetries(1).addConcurrency(Concurrency.newBuilder()
        .setExpression("input.group").setMaxRuns(1).setLimitStrategy(ConcurrencyLimitStrategy.GROUP_ROUND_ROBIN)));
    RecordingSink w = e.worker("w", 10, "re:re");
    String first = run("re", "a", 1);
    String second = run("re", "a", 1);
    e.fail(w.started.get(0), "boom");
    assertThat(w.last().run().id()).as("the retry of the older task goes first").isEqualTo(first);
    e.complete(w.last(), "{}");
    assertThat(w.last().run().id()).isEqualTo(second);
  }

  @Test
  void a_key_that_cannot_be_evaluated_fails_the_task_with_hatchet_s_wording() {
    limited("bad", "input.missing", 1, ConcurrencyLimitStrategy.GROUP_ROUND_ROBIN);
    limited("num", "input.n", 1, ConcurrencyLimitStrategy.GROUP_ROUND_ROBIN);
    String r1 = e.trigger("bad", "{}");
    String r2 = e.trigger("num", "{\"n\":7}");
    assertThat(e.error(r1, "bad")).isEqualTo("failed to parse step expression (input.missing): no such key: missing");
    assertThat(e.error(r2, "num")).contains("expected string output for concurrency key, got int");
  }

  @Test
  void keys_join_metadata_and_input_and_unsupported_cel_is_refused_at_registration() {
    limited("meta", "additional_metadata.tenant + '-' + input.group", 1, ConcurrencyLimitStrategy.GROUP_ROUND_ROBIN);
    RecordingSink w = e.worker("w", 10, "meta:meta");
    for (String tenant : List.of("t1", "t1", "t2")) {
      e.scheduler.trigger(new TriggerRequest("meta", "{\"group\":\"g\"}", "{\"tenant\":\"" + tenant + "\"}", null,
          null, null, null, null, null, null));
    }
    assertThat(w.started).extracting(t -> t.slots[0].key).containsExactly("t1-g", "t2-g");
    assertThatThrownBy(() -> limited("x", "input.a.size() > 2", 1, ConcurrencyLimitStrategy.GROUP_ROUND_ROBIN))
        .hasMessageContaining("tasks[0].concurrency[0].expression").hasMessageContaining("not supported");
    assertThatThrownBy(() -> limited("y", "input.a", 0, ConcurrencyLimitStrategy.GROUP_ROUND_ROBIN))
        .hasMessageContaining("max_runs = 0");
    assertThatThrownBy(() -> e.scheduler.registry().put(CreateWorkflowVersionRequest.newBuilder().setName("dag")
        .addConcurrencyArr(Concurrency.newBuilder().setExpression("input.a"))
        .addConcurrencyArr(Concurrency.newBuilder().setExpression("input.b")).addTasks(Engines.task("dag", "a"))
        .addTasks(Engines.task("dag", "b", "a")).build())).hasMessageContaining("2 workflow-level concurrency");
  }

  @Test
  void workflow_concurrency_of_a_single_task_workflow_moves_onto_its_task() {
    e.scheduler.registry().put(CreateWorkflowVersionRequest.newBuilder().setName("wfc").addConcurrencyArr(
        Concurrency.newBuilder().setExpression("input.group").setMaxRuns(2)
            .setLimitStrategy(ConcurrencyLimitStrategy.GROUP_ROUND_ROBIN)).addTasks(Engines.task("wfc", "wfc")).build());
    RecordingSink w = e.worker("w", 10, "wfc:wfc");
    for (int i = 0; i < 4; i++) {
      run("wfc", "a", 1);
    }
    assertThat(w.started).hasSize(2);
  }

  private void dag(String name, ConcurrencyLimitStrategy strategy) {
    e.scheduler.registry().put(CreateWorkflowVersionRequest.newBuilder().setName(name).addConcurrencyArr(
        Concurrency.newBuilder().setExpression("input.group").setMaxRuns(1).setLimitStrategy(strategy))
        .addTasks(Engines.task(name, "a")).addTasks(Engines.task(name, "b", "a")).build());
  }

  @Test
  void a_dag_s_workflow_concurrency_holds_the_run_s_slot_until_its_last_task_ends() {
    dag("wd", ConcurrencyLimitStrategy.GROUP_ROUND_ROBIN);
    RecordingSink w = e.worker("w", 10, "wd:a", "wd:b");
    String r1 = run("wd", "a", 1);
    String r2 = run("wd", "a", 1);
    String other = run("wd", "b", 1);
    assertThat(w.started).extracting(t -> t.run().id()).containsExactly(r1, other);
    e.complete(w.started.get(0), "{}");
    assertThat(w.last().run().id()).as("the run's second task, not the next run").isEqualTo(r1);
    assertThat(e.taskState(r2, "a")).isEqualTo(TaskState.QUEUED);
    e.complete(w.last(), "{}");
    assertThat(e.state(r1)).isEqualTo(TaskState.COMPLETED);
    assertThat(w.last().run().id()).isEqualTo(r2);
  }

  @Test
  void a_dag_s_cancel_in_progress_cancels_the_whole_older_run() {
    dag("wc", ConcurrencyLimitStrategy.CANCEL_IN_PROGRESS);
    RecordingSink w = e.worker("w", 10, "wc:a", "wc:b");
    String r1 = run("wc", "a", 1);
    e.complete(w.started.get(0), "{}");
    String r2 = run("wc", "a", 1);
    assertThat(e.state(r1)).isEqualTo(TaskState.CANCELLED);
    assertThat(e.error(r1, "b")).contains("workflow's concurrency strategy CANCEL_IN_PROGRESS");
    assertThat(w.cancelled).extracting(t -> t.run().id()).containsExactly(r1);
    assertThat(w.last().run().id()).isEqualTo(r2);
  }

  @Test
  void several_strategies_on_a_task_all_hold_as_in_hatchet_s_multiple_keys_example() {
    e.workflow("mk", Engines.task("mk", "mk")
        .addConcurrency(Concurrency.newBuilder().setExpression("input.digit").setMaxRuns(2)
            .setLimitStrategy(ConcurrencyLimitStrategy.GROUP_ROUND_ROBIN))
        .addConcurrency(Concurrency.newBuilder().setExpression("input.name").setMaxRuns(1)
            .setLimitStrategy(ConcurrencyLimitStrategy.GROUP_ROUND_ROBIN)));
    RecordingSink w = e.worker("w", 10, "mk:mk");
    for (String in : List.of("{\"digit\":\"1\",\"name\":\"a\"}", "{\"digit\":\"1\",\"name\":\"a\"}",
        "{\"digit\":\"1\",\"name\":\"b\"}", "{\"digit\":\"1\",\"name\":\"c\"}",
        "{\"digit\":\"2\",\"name\":\"d\"}")) {
      e.trigger("mk", in);
    }
    assertThat(w.started).extracting(t -> t.slots[1].key)
        .as("the second 'a' holds a digit-1 slot while it waits for name a, so 'b' waits too (a chain)")
        .containsExactly("a", "d");
    assertThat(e.scheduler.taskStats(List.of("mk")).get("mk").queued()).isEqualTo(3);
    e.complete(w.started.get(0), "{}");
    assertThat(w.started.subList(2, 4)).extracting(t -> t.slots[1].key).containsExactlyInAnyOrder("a", "b");
    e.complete(w.started.stream().skip(2).filter(t -> t.slots[1].key.equals("a")).findFirst().orElseThrow(), "{}");
    assertThat(w.last().slots[1].key).isEqualTo("c");
  }
}
