package io.hatchetoperator.engine.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hatchetoperator.proto.v1.CreateTaskOpts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Retries, backoff, timeouts, DAG order, cancellation, replay, out-of-order events, run observers. */
class LifecycleTest {

  private final Engines e = new Engines();

  @Test
  void a_failure_is_retried_up_to_the_retry_count_then_the_run_fails() {
    e.workflow("flaky", Engines.task("flaky", "flaky").setRetries(2));
    RecordingSink w = e.worker("w", 1, "flaky:flaky");
    String run = e.trigger("flaky", "{}");
    e.fail(w.last(), "boom 1");
    e.fail(w.last(), "boom 2");
    assertThat(w.started).hasSize(3);
    assertThat(w.last().retryCount()).isEqualTo(2);
    e.fail(w.last(), "boom 3");
    assertThat(e.state(run)).isEqualTo(TaskState.FAILED);
    assertThat(e.error(run, "flaky")).isEqualTo("boom 3");
  }

  @Test
  void should_not_retry_fails_at_once() {
    e.workflow("f", Engines.task("f", "f").setRetries(5));
    RecordingSink w = e.worker("w", 1, "f:f");
    String run = e.trigger("f", "{}");
    e.scheduler.taskEvent(w.last().externalId(), TaskEventKind.FAILED, "fatal", 0, true);
    assertThat(e.state(run)).isEqualTo(TaskState.FAILED);
    assertThat(w.started).hasSize(1);
  }

  @Test
  void backoff_holds_the_retry_until_factor_to_the_attempt_seconds_passed() {
    e.workflow("b", Engines.task("b", "b").setRetries(1).setBackoffFactor(2).setBackoffMaxSeconds(60));
    RecordingSink w = e.worker("w", 1, "b:b");
    e.trigger("b", "{}");
    e.fail(w.last(), "x");
    assertThat(e.scheduler.taskStats(List.of("b")).get("b").queued()).isEqualTo(1);
    e.clock.advance(Duration.ofMillis(1900));
    e.scheduler.heartbeat(w.workerId);
    e.scheduler.sweep();
    assertThat(w.started).hasSize(1);
    e.clock.advance(Duration.ofMillis(200));
    e.scheduler.sweep();
    assertThat(w.started).hasSize(2);
  }

  @Test
  void an_execution_timeout_cancels_on_the_worker_and_counts_as_a_failure() {
    e.workflow("slow", Engines.task("slow", "slow").setTimeout("2s").setRetries(1));
    RecordingSink w = e.worker("w", 1, "slow:slow");
    String run = e.trigger("slow", "{}");
    TaskRun first = w.last();
    e.clock.advance(Duration.ofMillis(2100));
    e.scheduler.heartbeat(w.workerId);
    e.scheduler.sweep();
    assertThat(w.cancelled).containsExactly(first);
    assertThat(w.started).hasSize(2);
    e.clock.advance(Duration.ofMillis(2100));
    e.scheduler.heartbeat(w.workerId);
    e.scheduler.sweep();
    assertThat(e.state(run)).isEqualTo(TaskState.FAILED);
    assertThat(e.error(run, "slow")).contains("timeout of 2s");
  }

  @Test
  void refresh_timeout_extends_a_running_task() {
    e.workflow("slow", Engines.task("slow", "slow").setTimeout("2s"));
    RecordingSink w = e.worker("w", 1, "slow:slow");
    e.trigger("slow", "{}");
    e.scheduler.refreshTimeout(w.last().externalId(), Duration.ofSeconds(10));
    e.clock.advance(Duration.ofSeconds(5));
    e.scheduler.heartbeat(w.workerId);
    e.scheduler.sweep();
    assertThat(w.cancelled).isEmpty();
  }

  @Test
  void a_task_never_assigned_fails_after_its_schedule_timeout() {
    e.workflow("lonely", Engines.task("lonely", "lonely").setScheduleTimeout("10s"));
    String run = e.trigger("lonely", "{}");
    e.clock.advance(Duration.ofSeconds(11));
    e.scheduler.sweep();
    assertThat(e.state(run)).isEqualTo(TaskState.FAILED);
    assertThat(e.error(run, "lonely")).contains("schedule timeout");
  }

  @Test
  void a_dag_runs_children_after_parents_with_their_outputs() {
    e.workflow("dag", Engines.task("dag", "a"), Engines.task("dag", "b", "a"), Engines.task("dag", "c", "a"),
        Engines.task("dag", "d", "b", "c"));
    RecordingSink w = e.worker("w", 10, "dag:a", "dag:b", "dag:c", "dag:d");
    String run = e.trigger("dag", "{}");
    assertThat(w.started).extracting(t -> t.def().readableId()).containsExactly("a");
    e.complete(w.last(), "{\"v\":1}");
    assertThat(w.started).extracting(t -> t.def().readableId()).containsExactly("a", "b", "c");
    e.complete(w.started.get(1), "{\"v\":2}");
    assertThat(w.started).hasSize(3);
    e.complete(w.started.get(2), "{\"v\":3}");
    TaskRun d = w.last();
    assertThat(d.def().readableId()).isEqualTo("d");
    assertThat(d.run().tasks().get("b").output()).isEqualTo("{\"v\":2}");
    e.complete(d, "{}");
    assertThat(e.state(run)).isEqualTo(TaskState.COMPLETED);
  }

  @Test
  void a_failed_parent_cancels_its_descendants() {
    e.workflow("dag", Engines.task("dag", "a"), Engines.task("dag", "b", "a"));
    RecordingSink w = e.worker("w", 10, "dag:a", "dag:b");
    String run = e.trigger("dag", "{}");
    e.fail(w.last(), "nope");
    assertThat(e.state(run)).isEqualTo(TaskState.FAILED);
    assertThat(e.taskState(run, "b")).isEqualTo(TaskState.CANCELLED);
  }

  @Test
  void the_on_failure_task_runs_once_after_a_failure_and_the_run_stays_failed() {
    e.scheduler.registry().put(io.hatchetoperator.proto.v1.CreateWorkflowVersionRequest.newBuilder().setName("dag")
        .addTasks(Engines.task("dag", "a")).addTasks(Engines.task("dag", "b", "a"))
        .setOnFailureTask(Engines.task("dag", "cleanup")).build());
    RecordingSink w = e.worker("w", 10, "dag:a", "dag:b", "dag:cleanup");
    String run = e.trigger("dag", "{}");
    List<String> heard = new ArrayList<>();
    e.scheduler.observe(run, r -> heard.add(r.id()));
    e.fail(w.last(), "a broke");
    TaskRun cleanup = w.last();
    assertThat(cleanup.def().readableId()).isEqualTo("cleanup");
    assertThat(heard).isEmpty();
    e.complete(cleanup, "{\"cleaned\":true}");
    assertThat(heard).containsExactly(run);
    assertThat(e.state(run)).isEqualTo(TaskState.FAILED);
    assertThat(e.taskState(run, "b")).isEqualTo(TaskState.CANCELLED);
    assertThat(w.started).hasSize(2);
  }

  @Test
  void cancel_sends_cancel_to_the_worker_frees_the_slot_and_finishes_the_run() {
    e.simple("echo");
    RecordingSink w = e.worker("w", 1, "echo:echo");
    String running = e.trigger("echo", "{}");
    String queued = e.trigger("echo", "{}");
    List<String> cancelled = e.scheduler.cancel(List.of(running));
    assertThat(cancelled).hasSize(1);
    assertThat(w.cancelled).hasSize(1);
    assertThat(e.state(running)).isEqualTo(TaskState.CANCELLED);
    assertThat(w.last().run().id()).isEqualTo(queued);
  }

  @Test
  void replay_runs_a_finished_task_again() {
    e.simple("echo");
    RecordingSink w = e.worker("w", 1, "echo:echo");
    String run = e.trigger("echo", "{}");
    e.fail(w.last(), "x");
    assertThat(e.scheduler.replay(List.of(run))).hasSize(1);
    assertThat(w.started).hasSize(2);
    e.complete(w.last(), "{\"again\":true}");
    assertThat(e.state(run)).isEqualTo(TaskState.COMPLETED);
  }

  @Test
  void a_late_started_never_reopens_a_finished_task_and_duplicates_are_idempotent() {
    e.simple("echo");
    RecordingSink w = e.worker("w", 1, "echo:echo");
    String run = e.trigger("echo", "{}");
    TaskRun t = w.last();
    e.complete(t, "{\"ok\":1}");
    e.scheduler.taskEvent(t.externalId(), TaskEventKind.STARTED, "", 0, false);
    e.complete(t, "{\"ok\":1}");
    assertThat(e.state(run)).isEqualTo(TaskState.COMPLETED);
    assertThatThrownBy(() -> e.fail(t, "late")).isInstanceOf(EngineException.class)
        .hasMessageContaining("is COMPLETED");
  }

  @Test
  void output_that_is_not_json_fails_the_task_with_the_reason() {
    e.simple("echo");
    RecordingSink w = e.worker("w", 1, "echo:echo");
    String run = e.trigger("echo", "{}");
    e.complete(w.last(), "{not json");
    assertThat(e.state(run)).isEqualTo(TaskState.FAILED);
    assertThat(e.error(run, "echo")).contains("not valid JSON");
  }

  @Test
  void an_observer_hears_of_a_finished_run_at_once_and_of_a_running_one_when_it_ends() {
    e.simple("echo");
    RecordingSink w = e.worker("w", 1, "echo:echo");
    String first = e.trigger("echo", "{}");
    e.complete(w.last(), "{}");
    List<String> heard = new ArrayList<>();
    RunObserver o = run -> heard.add(run.id());
    e.scheduler.observe(first, o);
    assertThat(heard).containsExactly(first);
    String second = e.trigger("echo", "{}");
    e.scheduler.observe(second, o);
    assertThat(heard).hasSize(1);
    e.complete(w.last(), "{}");
    assertThat(heard).containsExactly(first, second);
  }

  @Test
  void finished_runs_are_forgotten_beyond_the_count_cap_and_after_the_retention() {
    Engines small = new Engines(new EngineTimings(Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMinutes(15),
        Duration.ofHours(1), 2));
    small.simple("echo");
    RecordingSink w = small.worker("w", 1, "echo:echo");
    List<String> runs = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      runs.add(small.trigger("echo", "{}"));
      small.complete(w.last(), "{}");
    }
    small.scheduler.sweep();
    assertThatThrownBy(() -> small.state(runs.get(0))).hasMessageContaining("is not a run of this engine");
    assertThat(small.state(runs.get(2))).isEqualTo(TaskState.COMPLETED);
    small.clock.advance(Duration.ofMinutes(16));
    small.scheduler.sweep();
    assertThatThrownBy(() -> small.state(runs.get(2))).hasMessageContaining("is not a run of this engine");
  }

  @Test
  void unknown_ids_and_bad_uuids_are_named_in_the_error() {
    assertThatThrownBy(() -> e.scheduler.heartbeat("nope")).hasMessageContaining("worker_id = 'nope' is not a UUID");
    assertThatThrownBy(() -> e.scheduler.taskEvent(Ids.uuid(), TaskEventKind.COMPLETED, "{}", null, false))
        .hasMessageContaining("task_run_external_id").hasMessageContaining("is not a task");
    assertThatThrownBy(() -> e.trigger("missing", "{}")).hasMessageContaining("name = 'missing' is not a registered");
  }

  @Test
  void registry_rejects_cycles_unknown_parents_duplicates_and_bad_durations() {
    assertThatThrownBy(() -> e.workflow("c", Engines.task("c", "a", "b"), Engines.task("c", "b", "a")))
        .hasMessageContaining("cycle");
    assertThatThrownBy(() -> e.workflow("u", Engines.task("u", "a", "ghost"))).hasMessageContaining("'ghost'");
    assertThatThrownBy(() -> e.workflow("d", Engines.task("d", "a"), Engines.task("d", "a")))
        .hasMessageContaining("used twice");
    CreateTaskOpts.Builder bad = Engines.task("t", "t").setTimeout("soon");
    assertThatThrownBy(() -> e.workflow("t", bad)).hasMessageContaining("tasks[0].timeout = \"soon\"");
  }
}
