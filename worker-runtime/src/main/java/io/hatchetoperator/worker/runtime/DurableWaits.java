package io.hatchetoperator.worker.runtime;

import io.hatchetoperator.proto.v1.DurableEventLogEntryRef;
import io.hatchetoperator.proto.v1.DurableTaskAwaitedCompletedEntry;
import io.hatchetoperator.proto.v1.DurableTaskErrorType;
import io.hatchetoperator.proto.v1.DurableTaskResponse;
import io.hatchetoperator.worker.EngineRejectedException;
import io.hatchetoperator.worker.EngineUnavailableException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;

/**
 * The client state of the DurableTask stream, without I/O: a request's ack is awaited per (task run, invocation),
 * as Hatchet's SDKs key it (one request in flight per invocation: the caller serializes), and an entry's completion
 * per (task run, invocation, branch, node), so completions may arrive in any order and before their waiter (they
 * are then kept until it comes). A lost stream fails the awaited acks (the request may not have reached the engine)
 * but keeps the awaited completions: the engine delivers them again when the worker reports them waiting
 * ({@link #waiting()}). Thread-safe.
 */
final class DurableWaits {
  /** A durable task invocation: its task run and invocation count. */
  record Invocation(String taskRunExternalId, int invocationCount) {}

  /** An entry of an invocation's durable event log. */
  record Node(Invocation invocation, long branchId, long nodeId) {}

  /** An ack: the entry the engine recorded, and for a memo whether it existed and its stored value (else null). */
  record Ack(Node node, boolean memoExisted, byte[] memoValue) {}

  /** An entry's completion as the engine sent it. */
  record Completion(byte[] payload, boolean failure, String errorMessage) {}

  /** Kept completions nobody awaits yet; beyond this many, the oldest go (the engine sends them again). */
  static final int MAX_KEPT = 10_000;

  private final Map<Invocation, CompletableFuture<Ack>> acks = new LinkedHashMap<>();
  private final Map<Node, CompletableFuture<Completion>> awaited = new LinkedHashMap<>();
  private final Map<Node, Completion> kept = new LinkedHashMap<>();
  private final Map<Invocation, CompletableFuture<Void>> evictions = new LinkedHashMap<>();
  /** Entries whose completion nobody awaits (a memo's value comes with its ack): dropped when they complete. */
  private final java.util.Set<Node> ignored = new java.util.LinkedHashSet<>();
  private final BiConsumer<Invocation, String> onEvict;

  /** {@code onEvict} hears the engine evicting an invocation (a newer one exists): the task should stop. */
  DurableWaits(BiConsumer<Invocation, String> onEvict) {
    this.onEvict = onEvict;
  }

  /** The future of the next ack for {@code invocation}; fails if one is already awaited. */
  synchronized CompletableFuture<Ack> expectAck(Invocation invocation) {
    if (acks.containsKey(invocation)) {
      throw new IllegalStateException("task run " + invocation.taskRunExternalId() + " (invocation "
          + invocation.invocationCount() + ") already awaits an ack: durable calls of one run are sequential");
    }
    CompletableFuture<Ack> ack = new CompletableFuture<>();
    acks.put(invocation, ack);
    return ack;
  }

  /** The future of the engine's eviction_ack for {@code invocation}. */
  synchronized CompletableFuture<Void> expectEvictionAck(Invocation invocation) {
    return evictions.computeIfAbsent(invocation, i -> new CompletableFuture<>());
  }

  /** The invocations that wait for a completion now (what a draining worker may evict). */
  synchronized java.util.Set<Invocation> parked() {
    java.util.Set<Invocation> parked = new java.util.LinkedHashSet<>();
    awaited.keySet().forEach(n -> parked.add(n.invocation()));
    return parked;
  }

  /** The completion of {@code node}: at once if it already arrived. */
  synchronized CompletableFuture<Completion> await(Node node) {
    Completion early = kept.remove(node);
    if (early != null) {
      return CompletableFuture.completedFuture(early);
    }
    return awaited.computeIfAbsent(node, n -> new CompletableFuture<>());
  }

  /** Nobody awaits {@code node}'s completion (a memo): drop it if it came, and when it comes. */
  synchronized void ignore(Node node) {
    if (kept.remove(node) == null) {
      ignored.add(node);
      if (ignored.size() > MAX_KEPT) {
        ignored.remove(ignored.iterator().next());
      }
    }
  }

  /** Stops awaiting {@code node} (the task was cancelled). */
  synchronized void forget(Node node) {
    awaited.remove(node);
  }

  /** Stops awaiting the ack of {@code invocation} (the task was cancelled). */
  synchronized void forget(Invocation invocation) {
    acks.remove(invocation);
  }

  /** The awaited entries, for a worker_status request: the engine answers with those already completed. */
  synchronized List<DurableTaskAwaitedCompletedEntry> waiting() {
    List<DurableTaskAwaitedCompletedEntry> entries = new ArrayList<>();
    awaited.keySet().forEach(n -> entries.add(DurableTaskAwaitedCompletedEntry.newBuilder()
        .setDurableTaskExternalId(n.invocation().taskRunExternalId())
        .setInvocationCount(n.invocation().invocationCount())
        .setBranchId(n.branchId()).setNodeId(n.nodeId()).build()));
    return entries;
  }

  /** Applies one message of the engine. */
  void onResponse(DurableTaskResponse response) {
    switch (response.getMessageCase()) {
      case WAIT_FOR_ACK -> ack(response.getWaitForAck().getRef(), false, null);
      case MEMO_ACK -> {
        var m = response.getMemoAck();
        ack(m.getRef(), m.getMemoAlreadyExisted(),
            m.hasMemoResultPayload() && !m.getMemoResultPayload().isEmpty() ? m.getMemoResultPayload().toByteArray() : null);
      }
      case ENTRY_COMPLETED -> {
        var c = response.getEntryCompleted();
        complete(node(c.getRef()), new Completion(c.getPayload().toByteArray(), c.getIsFailure(),
            c.hasErrorMessage() ? c.getErrorMessage() : null));
      }
      case ERROR -> error(response.getError());
      case EVICTION_ACK -> evicted(new Invocation(response.getEvictionAck().getDurableTaskExternalId(),
          response.getEvictionAck().getInvocationCount()));
      case SERVER_EVICT -> {
        var e = response.getServerEvict();
        Invocation invocation = new Invocation(e.getDurableTaskExternalId(), e.getInvocationCount());
        fail(invocation, new EngineRejectedException("EVICTED", "the engine evicted task run "
            + invocation.taskRunExternalId() + " (invocation " + invocation.invocationCount() + "): "
            + e.getReason(), null));
        onEvict.accept(invocation, e.getReason());
      }
      default -> { } // register_worker and trigger-run acks: nothing awaits them here
    }
  }

  /** The stream dropped: awaited acks fail (their request may be lost), awaited completions stay. */
  synchronized void disconnected(String why) {
    acks.values().forEach(a -> a.completeExceptionally(new EngineUnavailableException(
        "the durable task stream to the engine dropped before the engine acknowledged the request (" + why
            + "); the task fails and its retries apply", null)));
    acks.clear();
    evictions.values().forEach(e -> e.completeExceptionally(new EngineUnavailableException(
        "the durable task stream dropped before the engine acknowledged an eviction (" + why + ")", null)));
    evictions.clear();
  }

  /** The worker stops: everything awaited fails with {@code why}. */
  synchronized void close(String why) {
    disconnected(why);
    awaited.values().forEach(a -> a.completeExceptionally(new EngineUnavailableException(
        "the worker stopped while the task waited (" + why + ")", null)));
    awaited.clear();
    kept.clear();
  }

  private synchronized void ack(DurableEventLogEntryRef ref, boolean memoExisted, byte[] memoValue) {
    CompletableFuture<Ack> ack = acks.remove(new Invocation(ref.getDurableTaskExternalId(), ref.getInvocationCount()));
    if (ack != null) {
      ack.complete(new Ack(node(ref), memoExisted, memoValue));
    }
  }

  private synchronized void evicted(Invocation invocation) {
    CompletableFuture<Void> ack = evictions.remove(invocation);
    if (ack != null) {
      ack.complete(null);
    }
  }

  private synchronized void complete(Node node, Completion completion) {
    if (ignored.remove(node)) {
      return;
    }
    CompletableFuture<Completion> waiter = awaited.remove(node);
    if (waiter != null) {
      waiter.complete(completion);
      return;
    }
    kept.put(node, completion);
    if (kept.size() > MAX_KEPT) {
      kept.remove(kept.keySet().iterator().next());
    }
  }

  private synchronized void error(io.hatchetoperator.proto.v1.DurableTaskErrorResponse error) {
    Node node = node(error.getRef());
    String kind = error.getErrorType() == DurableTaskErrorType.DURABLE_TASK_ERROR_TYPE_NONDETERMINISM
        ? "NONDETERMINISM" : "DURABLE_TASK_ERROR";
    EngineRejectedException failure = new EngineRejectedException(kind, "the engine rejected a durable call of "
        + "task run " + node.invocation().taskRunExternalId() + " (invocation " + node.invocation().invocationCount()
        + (node.nodeId() > 0 ? ", node " + node.nodeId() : "") + "): " + error.getErrorMessage()
        + (kind.equals("NONDETERMINISM") ? " (a replay must make the same durable calls in the same order)" : ""),
        null);
    CompletableFuture<Ack> ack = acks.remove(node.invocation());
    if (ack != null) {
      ack.completeExceptionally(failure);
    }
    CompletableFuture<Completion> waiter = awaited.remove(node);
    if (waiter != null) {
      waiter.completeExceptionally(failure);
    }
    CompletableFuture<Void> eviction = evictions.remove(node.invocation());
    if (eviction != null) {
      eviction.completeExceptionally(failure);
    }
  }

  private synchronized void fail(Invocation invocation, RuntimeException failure) {
    CompletableFuture<Ack> ack = acks.remove(invocation);
    if (ack != null) {
      ack.completeExceptionally(failure);
    }
    awaited.entrySet().removeIf(e -> {
      if (e.getKey().invocation().equals(invocation)) {
        e.getValue().completeExceptionally(failure);
        return true;
      }
      return false;
    });
  }

  private static Node node(DurableEventLogEntryRef ref) {
    return new Node(new Invocation(ref.getDurableTaskExternalId(), ref.getInvocationCount()), ref.getBranchId(),
        ref.getNodeId());
  }
}
