package io.hatchetoperator.engine.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.hatchetoperator.proto.v1.DesiredWorkerLabels;
import io.hatchetoperator.proto.v1.WorkerLabelComparator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Slots, FIFO within priority, slot types, heartbeats, pause and reassignment. */
class AssignmentTest {

  private final Engines e = new Engines();

  @Test
  void a_worker_never_gets_more_tasks_than_slots_and_a_freed_slot_takes_the_next() {
    e.simple("echo");
    RecordingSink w = e.worker("w", 2, "echo:echo");
    for (int i = 0; i < 5; i++) {
      e.trigger("echo", "{\"i\":" + i + "}");
    }
    assertThat(w.started).hasSize(2);
    assertThat(e.scheduler.taskStats(List.of("echo")).get("echo").queued()).isEqualTo(3);

    e.complete(w.started.get(0), "{}");
    assertThat(w.started).hasSize(3);
    assertThat(w.started.get(2).run().request().inputJson()).isEqualTo("{\"i\":2}");
    assertThat(e.scheduler.workers().get(0).slotsUsed()).containsEntry("default", 2);
  }

  @Test
  void higher_priority_goes_first_and_fifo_holds_within_a_priority() {
    e.simple("p");
    List<String> order = List.of("a", "b", "c");
    for (String name : order) {
      e.scheduler.trigger(new TriggerRequest("p", "{\"n\":\"" + name + "\"}", "{}", 1, null, null, null, null, null, null));
    }
    e.scheduler.trigger(new TriggerRequest("p", "{\"n\":\"urgent\"}", "{}", 3, null, null, null, null, null, null));
    RecordingSink w = e.worker("w", 1, "p:p");
    for (int i = 0; i < 3; i++) {
      e.complete(w.last(), "{}");
    }
    assertThat(w.started).extracting(t -> t.run().request().inputJson())
        .containsExactly("{\"n\":\"urgent\"}", "{\"n\":\"a\"}", "{\"n\":\"b\"}", "{\"n\":\"c\"}");
  }

  @Test
  void a_worker_serving_several_actions_takes_the_oldest_head_across_them() {
    e.simple("a");
    e.simple("b");
    for (String wf : List.of("a", "a", "b", "a", "b")) {
      e.trigger(wf, "{}");
    }
    RecordingSink w = e.worker("w", 1, "a:a", "b:b");
    for (int i = 0; i < 4; i++) {
      e.complete(w.last(), "{}");
    }
    assertThat(w.started).extracting(t -> t.def().readableId()).containsExactly("a", "a", "b", "a", "b");
  }

  @Test
  void required_labels_pick_the_worker_and_weights_rank_the_rest() {
    e.workflow("gpu", Engines.task("gpu", "gpu").putWorkerLabels("pool", DesiredWorkerLabels.newBuilder()
        .setStrValue("b").setRequired(true).build()));
    e.workflow("big", Engines.task("big", "big").putWorkerLabels("memory", DesiredWorkerLabels.newBuilder()
        .setIntValue(4).setComparator(WorkerLabelComparator.GREATER_THAN).setWeight(50).build()));
    RecordingSink a = e.labelled("a", Map.of("pool", "a", "memory", "2"), "gpu:gpu", "big:big");
    RecordingSink b = e.labelled("b", Map.of("pool", "b", "memory", "8"), "gpu:gpu", "big:big");
    for (int i = 0; i < 4; i++) {
      e.trigger("gpu", "{}");
      e.trigger("big", "{}");
    }
    assertThat(a.started).isEmpty();
    assertThat(b.started).hasSize(8);
    e.scheduler.setPaused(b.workerId, true);
    e.trigger("gpu", "{}");
    e.trigger("big", "{}");
    assertThat(a.started).extracting(t -> t.def().readableId()).containsExactly("big");
    assertThat(e.scheduler.taskStats(List.of("gpu")).get("gpu").queued()).isEqualTo(1);
  }

  @Test
  void a_task_only_goes_to_a_worker_with_its_slot_type() {
    e.workflow("gpu", Engines.task("gpu", "gpu").clearSlotRequests().putSlotRequests("gpu", 1));
    RecordingSink cpu = e.worker("cpu", 10, "gpu:gpu");
    e.trigger("gpu", "{}");
    assertThat(cpu.started).isEmpty();
    RecordingSink gpu = e.worker("gpu", Map.of("gpu", 1), "gpu:gpu");
    assertThat(gpu.started).hasSize(1);
  }

  @Test
  void a_worker_without_a_heartbeat_for_5s_gets_nothing_until_it_beats_again() {
    e.simple("echo");
    RecordingSink w = e.worker("w", 5, "echo:echo");
    e.clock.advance(Duration.ofSeconds(6));
    e.trigger("echo", "{}");
    assertThat(w.started).isEmpty();
    assertThat(e.scheduler.workers().get(0).status()).isEqualTo("INACTIVE");
    e.scheduler.heartbeat(w.workerId);
    assertThat(w.started).hasSize(1);
  }

  @Test
  void a_paused_worker_gets_no_new_tasks_and_gets_the_queue_when_resumed() {
    e.simple("echo");
    RecordingSink w = e.worker("w", 5, "echo:echo");
    assertThat(e.scheduler.setPaused(w.workerId, true).status()).isEqualTo("PAUSED");
    e.trigger("echo", "{}");
    assertThat(w.started).isEmpty();
    e.scheduler.setPaused(w.workerId, false);
    assertThat(w.started).hasSize(1);
  }

  @Test
  void tasks_of_a_worker_silent_for_30s_go_to_another_worker() {
    e.workflow("echo", Engines.task("echo", "echo").setTimeout("5m"));
    RecordingSink dead = e.worker("dead", 1, "echo:echo");
    e.trigger("echo", "{}");
    assertThat(dead.started).hasSize(1);
    RecordingSink alive = e.worker("alive", 1, "echo:echo");
    for (int i = 0; i < 7; i++) {
      e.clock.advance(Duration.ofSeconds(5));
      e.scheduler.heartbeat(alive.workerId);
      e.scheduler.sweep();
    }
    assertThat(alive.started).hasSize(1);
    assertThat(alive.started.get(0)).isSameAs(dead.started.get(0));
    assertThat(e.scheduler.counters().reassigned()).isEqualTo(1);
    e.complete(alive.last(), "{\"ok\":true}");
    assertThat(e.scheduler.workers()).allSatisfy(v -> assertThat(v.slotsUsed().getOrDefault("default", 0)).isZero());
  }

  @Test
  void a_reassignment_is_a_new_attempt_that_does_not_use_the_tasks_retries_and_fences_the_old_one() {
    e.workflow("once", Engines.task("once", "once").setTimeout("5m").setRetries(0));
    RecordingSink dead = e.worker("dead", 1, "once:once");
    String run = e.trigger("once", "{}");
    assertThat(dead.last().retryCount()).isZero();
    RecordingSink alive = e.worker("alive", 1, "once:once");
    for (int i = 0; i < 7; i++) {
      e.clock.advance(Duration.ofSeconds(5));
      e.scheduler.heartbeat(alive.workerId);
      e.scheduler.sweep();
    }
    TaskRun retried = alive.last();
    assertThat(retried.retryCount()).as("retry_count + 1, as Hatchet's internal retry").isEqualTo(1);

    e.scheduler.taskEvent(retried.externalId(), TaskEventKind.COMPLETED, "{\"late\":true}", 0, false);
    assertThat(e.taskState(run, "once")).as("the old attempt's late result is ignored").isEqualTo(TaskState.RUNNING);
    e.fail(retried, "boom");
    assertThat(e.state(run)).as("the reassignment did not use the task's only attempt").isEqualTo(TaskState.FAILED);
  }

  @Test
  void a_worker_silent_with_a_task_of_no_retries_gets_it_run_again_elsewhere_and_completed_once() {
    e.workflow("once", Engines.task("once", "once").setTimeout("5m").setRetries(0));
    RecordingSink dead = e.worker("dead", 1, "once:once");
    String run = e.trigger("once", "{}");
    RecordingSink alive = e.worker("alive", 1, "once:once");
    for (int i = 0; i < 7; i++) {
      e.clock.advance(Duration.ofSeconds(5));
      e.scheduler.heartbeat(alive.workerId);
      e.scheduler.sweep();
    }
    e.complete(alive.last(), "{\"ok\":true}");
    assertThat(e.state(run)).isEqualTo(TaskState.COMPLETED);
    assertThat(e.scheduler.counters().succeeded()).isEqualTo(1);
    assertThat(dead.started).hasSize(1);
  }

  @Test
  void a_legacy_listen_stream_counts_as_a_heartbeat() {
    e.simple("echo");
    String id = e.scheduler.register("legacy", List.of("echo:echo"), Map.of("default", 1), Map.of(), "GO");
    RecordingSink sink = new RecordingSink();
    e.scheduler.listen(id, sink, true);
    e.clock.advance(Duration.ofSeconds(20));
    e.scheduler.sweep();
    e.trigger("echo", "{}");
    assertThat(sink.started).hasSize(1);
  }

  @Test
  void a_closed_stream_stops_assignment_and_a_heartbeat_then_is_rejected() {
    e.simple("echo");
    RecordingSink w = e.worker("w", 1, "echo:echo");
    e.scheduler.listenerClosed(w.workerId, w);
    e.trigger("echo", "{}");
    assertThat(w.started).isEmpty();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> e.scheduler.heartbeat(w.workerId))
        .isInstanceOf(EngineException.class).hasMessageContaining("worker stream is not active");
  }
}
