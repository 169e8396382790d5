package io.hatchetoperator.engine.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The durable event log: node numbering per invocation, replay hits, stale invocations and non-determinism. */
class DurableLogTest {

  @Test
  void nodes_restart_at_one_each_invocation_and_a_replay_finds_what_the_first_recorded() {
    DurableLog log = new DurableLog("t1");
    assertThat(log.newInvocation()).isEqualTo(1);
    DurableLog.Appended memo = log.append(1, LogEntry.Kind.MEMO, "m", "memo m");
    DurableLog.Appended wait = log.append(1, LogEntry.Kind.WAIT_FOR, "w", "wait w");
    assertThat(List.of(memo.entry().nodeId, wait.entry().nodeId)).containsExactly(1L, 2L);
    assertThat(memo.existed()).isFalse();
    memo.entry().satisfy("{\"v\":1}");

    assertThat(log.newInvocation()).isEqualTo(2);
    DurableLog.Appended again = log.append(2, LogEntry.Kind.MEMO, "m", "memo m");
    assertThat(again.existed()).isTrue();
    assertThat(again.entry()).isSameAs(memo.entry());
    assertThat(again.entry().result).isEqualTo("{\"v\":1}");
    assertThat(log.append(2, LogEntry.Kind.WAIT_FOR, "w", "wait w").entry()).isSameAs(wait.entry());
    assertThat(log.latest()).isSameAs(wait.entry());
    assertThat(log.append(2, LogEntry.Kind.WAIT_FOR, "w2", "wait w2").existed()).isFalse();
  }

  @Test
  void an_older_invocation_is_refused_as_stale() {
    DurableLog log = new DurableLog("t1");
    log.newInvocation();
    log.newInvocation();
    assertThatThrownBy(() -> log.append(1, LogEntry.Kind.MEMO, "m", "memo m"))
        .isInstanceOf(DurableRefusal.Stale.class)
        .hasMessage("invocation count mismatch for task t1: server has 2, worker sent 1");
  }

  @Test
  void a_replay_asking_for_another_call_at_a_recorded_node_is_non_determinism_and_changes_nothing() {
    DurableLog log = new DurableLog("t1");
    log.newInvocation();
    log.append(1, LogEntry.Kind.WAIT_FOR, "w", "wait for sleep 3s");
    log.newInvocation();
    assertThatThrownBy(() -> log.append(2, LogEntry.Kind.MEMO, "m", "memo m"))
        .isInstanceOf(DurableRefusal.NonDeterminism.class)
        .hasMessage("non-determinism error in task t1 at node 1:1\n  expected: WAIT_FOR wait for sleep 3s\n"
            + "  received: MEMO memo m");
    assertThatThrownBy(() -> log.append(2, LogEntry.Kind.WAIT_FOR, "other", "wait for sleep 4s"))
        .isInstanceOf(DurableRefusal.NonDeterminism.class);
    assertThat(log.append(2, LogEntry.Kind.WAIT_FOR, "w", "wait for sleep 3s").existed()).isTrue();
  }

  @Test
  void children_take_consecutive_nodes_and_a_batch_with_one_bad_node_records_none() {
    DurableLog log = new DurableLog("t1");
    log.newInvocation();
    List<DurableLog.Appended> runs = log.append(1, LogEntry.Kind.RUN, List.of("a", "b"), List.of("run a", "run b"));
    assertThat(runs).extracting(a -> a.entry().nodeId).containsExactly(1L, 2L);
    log.newInvocation();
    assertThatThrownBy(() -> log.append(2, LogEntry.Kind.RUN, List.of("a", "c"), List.of("run a", "run c")))
        .isInstanceOf(DurableRefusal.NonDeterminism.class).hasMessageContaining("at node 2:1");
    assertThat(log.latest()).isNull();
  }

  @Test
  void a_branch_keeps_the_nodes_before_its_fork_and_records_the_rest_anew() {
    DurableLog log = new DurableLog("t1");
    log.newInvocation();
    LogEntry memo = log.append(1, LogEntry.Kind.MEMO, "m", "memo m").entry();
    LogEntry wait = log.append(1, LogEntry.Kind.WAIT_FOR, "w", "wait w").entry();
    assertThat(log.branch(2, 1)).isEqualTo(2);
    assertThat(log.branchFor(1)).isEqualTo(1);
    assertThat(log.branchFor(2)).isEqualTo(2);
    log.newInvocation();
    assertThat(log.append(2, LogEntry.Kind.MEMO, "m", "memo m").entry()).isSameAs(memo);
    DurableLog.Appended again = log.append(2, LogEntry.Kind.WAIT_FOR, "w", "wait w");
    assertThat(again.existed()).isFalse();
    assertThat(again.entry()).isNotSameAs(wait);
    assertThat(again.entry().branchId).isEqualTo(2);
    assertThat(log.entry(1, 2)).isSameAs(wait);
    assertThat(log.branch(3, 2)).isEqualTo(3);
    assertThat(List.of(log.branchFor(1), log.branchFor(2), log.branchFor(3), log.branchFor(9)))
        .containsExactly(1L, 2L, 3L, 3L);
  }
}
