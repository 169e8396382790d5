package io.hatchetoperator.engine.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import io.hatchetoperator.proto.v1.DurableEventListenerConditions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Held durable waits in the core: AND'ed sleeps, events reaching only their key's waits, lookback, cleanup. */
class DurableMatchesTest {

  private final Engines e = new Engines();
  private final List<String> completed = new ArrayList<>();
  private final DurableSink sink = new DurableSink() {
    @Override
    public void waitForAck(String taskId, int invocation, long branchId, long nodeId) {}

    @Override
    public void memoAck(String taskId, int inv, long branchId, long nodeId, boolean existed, String result) {}

    @Override
    public void runsAck(String taskId, int invocation, List<RunRef> runs) {}

    @Override
    public void entryCompleted(String taskId, int invocation, long branchId, long nodeId, String payload,
        boolean failure, String error) {
      completed.add(taskId + " " + payload);
    }

    @Override
    public void nonDeterminism(String taskId, int invocation, long branchId, long nodeId, String message) {
      completed.add("ND " + message);
    }

    @Override
    public void refused(String taskId, int invocation, String message) {
      completed.add("REFUSED " + message);
    }

    @Override
    public void serverEvict(String taskId, int invocation, String reason) {}

    @Override
    public void evictionAck(String taskId, int invocation) {}
  };

  private List<String> durableTasks(int n) {
    e.workflow("d", Engines.task("d", "d").clearSlotRequests().setIsDurable(true));
    RecordingSink w = e.worker("w", Map.of("durable", 100), "d:d");
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      e.trigger("d", "{}");
      ids.add(w.started.get(i).externalId());
    }
    return ids;
  }

  private static List<DurableCondition> conds(DurableEventListenerConditions.Builder b) {
    return DurableCondition.parse("c", b.build(), true);
  }

  @Test
  void sleeps_in_two_groups_complete_only_when_both_have_passed() {
    String t = durableTasks(1).get(0);
    e.scheduler.durable().waitFor(t, 1, conds(DurableEventListenerConditions.newBuilder()
        .addSleepConditions(DurableWaitTest.sleep(DurableWaitTest.G1, "5s"))
        .addSleepConditions(DurableWaitTest.sleep(DurableWaitTest.G2, "10s"))), sink);
    e.clock.advance(Duration.ofSeconds(5));
    e.scheduler.sweep();
    assertThat(completed).isEmpty();
    e.clock.advance(Duration.ofMillis(4_999));
    e.scheduler.sweep();
    assertThat(completed).isEmpty();
    e.clock.advance(Duration.ofMillis(1));
    e.scheduler.sweep();
    assertThat(completed).containsExactly(t + " {\"CREATE\":{\"sleep-5s\":[{\"sleep_duration\":\"5s\"}],"
        + "\"sleep-10s\":[{\"sleep_duration\":\"10s\"}]}}");
    assertThat(e.scheduler.durable().waitsHeld()).isZero();
  }

  @Test
  void an_event_completes_only_the_waits_of_its_key_whose_expression_passes() {
    List<String> ids = durableTasks(3);
    for (int i = 0; i < 3; i++) {
      e.scheduler.durable().waitFor(ids.get(i), 1, conds(DurableEventListenerConditions.newBuilder()
          .addUserEventConditions(DurableWaitTest.event(DurableWaitTest.G1, "k" + (i % 2), "input.n == " + i))), sink);
    }
    e.scheduler.durable().eventPushed("k0", null, "{\"n\":2}");
    assertThat(completed).containsExactly(ids.get(2) + " {\"CREATE\":{\"k0\":[{\"n\":2}]}}");
    e.scheduler.durable().eventPushed("k1", null, "{\"n\":1}");
    assertThat(completed).hasSize(2).last().asString().startsWith(ids.get(1));
    assertThat(e.scheduler.durable().waitsHeld()).isEqualTo(1);
  }

  @Test
  void a_scoped_wait_with_consider_events_since_sees_an_earlier_event_of_its_scope_and_an_unscoped_one_does_not() {
    List<String> ids = durableTasks(2);
    long since = e.clock.millis();
    e.scheduler.durable().eventPushed("k", "s1", "{\"n\":1}");
    Timestamp ts = Timestamp.newBuilder().setSeconds(since / 1000).setNanos((int) (since % 1000) * 1_000_000).build();
    e.scheduler.durable().waitFor(ids.get(0), 1, conds(DurableEventListenerConditions.newBuilder()
        .addUserEventConditions(DurableWaitTest.event(DurableWaitTest.G1, "k", "").toBuilder().setEventScope("s1")
            .setConsiderEventsSince(ts))), sink);
    e.scheduler.durable().waitFor(ids.get(1), 1, conds(DurableEventListenerConditions.newBuilder()
        .addUserEventConditions(DurableWaitTest.event(DurableWaitTest.G1, "k", ""))), sink);
    assertThat(completed).containsExactly(ids.get(0) + " {\"CREATE\":{\"k\":[{\"n\":1}]}}");
  }

  @Test
  void the_wait_of_a_cancelled_task_is_dropped_and_never_completes() {
    String t = durableTasks(1).get(0);
    e.scheduler.durable().waitFor(t, 1, conds(DurableEventListenerConditions.newBuilder()
        .addSleepConditions(DurableWaitTest.sleep(DurableWaitTest.G1, "30s"))), sink);
    e.scheduler.cancel(List.of(t));
    e.clock.advance(Duration.ofSeconds(31));
    e.scheduler.sweep();
    assertThat(completed).isEmpty();
    assertThat(e.scheduler.durable().waitsHeld()).isZero();
  }
}
