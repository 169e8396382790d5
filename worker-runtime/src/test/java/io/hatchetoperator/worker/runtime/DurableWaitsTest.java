package io.hatchetoperator.worker.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.hatchetoperator.proto.v1.DurableEventLogEntryRef;
import io.hatchetoperator.proto.v1.DurableTaskEventLogEntryCompletedResponse;
import io.hatchetoperator.proto.v1.DurableTaskEventWaitForAckResponse;
import io.hatchetoperator.proto.v1.DurableTaskResponse;
import io.hatchetoperator.proto.v1.DurableTaskServerEvictNotice;
import io.hatchetoperator.worker.EngineRejectedException;
import io.hatchetoperator.worker.EngineUnavailableException;
import io.hatchetoperator.worker.runtime.DurableWaits.Invocation;
import io.hatchetoperator.worker.runtime.DurableWaits.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** The stream's client state without gRPC: acks by invocation, completions by entry, loss, eviction. */
class DurableWaitsTest {
  private final List<String> evicted = new ArrayList<>();
  private final DurableWaits waits = new DurableWaits((i, why) -> evicted.add(i.taskRunExternalId() + ":" + why));
  private final Invocation a = new Invocation("run-a", 1);

  @Test
  void anAckAnswersItsInvocationWithTheEntryItCreated() throws Exception {
    var ack = waits.expectAck(a);
    waits.onResponse(ack(new Invocation("run-b", 1), 9, 9));
    assertThat(ack).isNotDone();
    waits.onResponse(ack(a, 2, 5));
    assertThat(ack.get().node()).isEqualTo(new Node(a, 2, 5));
    assertThat(ack.get().memoExisted()).isFalse();
    assertThatThrownBy(() -> { waits.expectAck(a); waits.expectAck(a); })
        .hasMessageContaining("already awaits an ack");
  }

  @Test
  void completionsAreMatchedByEntryAndKeptUntilAwaited() throws Exception {
    Node one = new Node(a, 0, 1);
    Node two = new Node(a, 0, 2);
    var first = waits.await(one);
    waits.onResponse(completed(two, "{\"n\":2}"));
    assertThat(first).isNotDone();
    assertThat(new String(waits.await(two).get().payload())).isEqualTo("{\"n\":2}");
    waits.onResponse(completed(one, "{\"n\":1}"));
    assertThat(new String(first.get().payload())).isEqualTo("{\"n\":1}");
    assertThat(waits.waiting()).isEmpty();
  }

  @Test
  void aLostStreamFailsAwaitedAcksButKeepsAwaitedCompletionsToReport() {
    var ack = waits.expectAck(a);
    var completion = waits.await(new Node(a, 3, 4));
    waits.disconnected("UNAVAILABLE");
    assertThatThrownBy(ack::get).isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(EngineUnavailableException.class).hasMessageContaining("UNAVAILABLE");
    assertThat(completion).isNotDone();
    assertThat(waits.waiting()).singleElement().satisfies(e -> {
      assertThat(e.getDurableTaskExternalId()).isEqualTo("run-a");
      assertThat(e.getBranchId()).isEqualTo(3);
      assertThat(e.getNodeId()).isEqualTo(4);
    });
  }

  @Test
  void anEvictionFailsTheInvocationsWaitsAndTellsTheWorker() {
    var completion = waits.await(new Node(a, 0, 1));
    var other = waits.await(new Node(new Invocation("run-b", 1), 0, 1));
    waits.onResponse(DurableTaskResponse.newBuilder().setServerEvict(DurableTaskServerEvictNotice.newBuilder()
        .setDurableTaskExternalId("run-a").setInvocationCount(1).setReason("stale invocation")).build());
    assertThatThrownBy(completion::get).hasCauseInstanceOf(EngineRejectedException.class)
        .hasMessageContaining("stale invocation");
    assertThat(other).isNotDone();
    assertThat(evicted).containsExactly("run-a:stale invocation");
  }

  @Test
  void anIgnoredEntrysCompletionIsDroppedWhetherItCameBeforeOrAfter() {
    Node before = new Node(a, 1, 1);
    Node after = new Node(a, 1, 2);
    waits.onResponse(completed(before, "{}"));
    waits.ignore(before);
    waits.ignore(after);
    waits.onResponse(completed(after, "{}"));
    assertThat(waits.await(before)).as("nothing kept for it").isNotDone();
    assertThat(waits.await(after)).isNotDone();
  }

  private static DurableEventLogEntryRef ref(Invocation i, long branch, long node) {
    return DurableEventLogEntryRef.newBuilder().setDurableTaskExternalId(i.taskRunExternalId())
        .setInvocationCount(i.invocationCount()).setBranchId(branch).setNodeId(node).build();
  }

  private static DurableTaskResponse ack(Invocation i, long branch, long node) {
    return DurableTaskResponse.newBuilder().setWaitForAck(DurableTaskEventWaitForAckResponse.newBuilder()
        .setRef(ref(i, branch, node))).build();
  }

  private static DurableTaskResponse completed(Node n, String json) {
    return DurableTaskResponse.newBuilder().setEntryCompleted(DurableTaskEventLogEntryCompletedResponse.newBuilder()
        .setRef(ref(n.invocation(), n.branchId(), n.nodeId())).setPayload(ByteString.copyFromUtf8(json))).build();
  }
}
