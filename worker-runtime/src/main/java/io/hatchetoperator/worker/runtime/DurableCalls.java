package io.hatchetoperator.worker.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import io.hatchetoperator.proto.dispatcher.AssignedAction;
import com.google.protobuf.ByteString;
import io.hatchetoperator.proto.v1.DurableEventListenerConditions;
import io.hatchetoperator.proto.v1.DurableEventLogEntryRef;
import io.hatchetoperator.proto.v1.DurableTaskCompleteMemoRequest;
import io.hatchetoperator.proto.v1.DurableTaskMemoRequest;
import io.hatchetoperator.proto.v1.DurableTaskRequest;
import io.hatchetoperator.proto.v1.DurableTaskWaitForRequest;
import io.hatchetoperator.worker.EngineRejectedException;
import io.hatchetoperator.worker.HatchetException;
import io.hatchetoperator.worker.RunCancelledException;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * The durable calls of one task run: each sends a wait_for on the worker's DurableTask stream, waits for the
 * engine's ack (one at a time per invocation, as the engine answers them by task run and invocation), then for the
 * completion of the acknowledged entry. An interrupt (the run was cancelled) stops waiting at once with
 * {@link RunCancelledException}; engine failures are {@link HatchetException}s, never gRPC types.
 */
final class DurableCalls {
  private final AssignedAction action;
  private final boolean durable;
  private final ExecutionServices services;
  private final BooleanSupplier cancelled;
  private final DurableWaits.Invocation invocation;
  private final ReentrantLock sending = new ReentrantLock();

  DurableCalls(AssignedAction action, boolean durable, ExecutionServices services, BooleanSupplier cancelled) {
    this.action = action;
    this.durable = durable;
    this.services = services;
    this.cancelled = cancelled;
    // An action without the count is the first invocation (the TypeScript SDK's DurableContext.invocationCount).
    this.invocation = new DurableWaits.Invocation(action.getTaskRunExternalId(),
        action.hasDurableTaskInvocationCount() ? action.getDurableTaskInvocationCount() : 1);
  }

  Duration sleepFor(Duration duration) {
    DurableEventListenerConditions conditions = DurableConditions.sleep(duration);
    byte[] payload = waitFor("sleepFor", conditions);
    Duration asked = Duration.ofSeconds(duration.getSeconds() + (duration.getNano() > 0 ? 1 : 0));
    try {
      return DurableConditions.slept(payload, asked);
    } catch (java.io.IOException e) {
      return asked;
    }
  }

  <T> T waitForEvent(String key, String expression, Type type) {
    if (key == null || key.isBlank()) {
      throw new IllegalArgumentException("waitForEvent key='" + key + "' is empty: pass the event key to wait for");
    }
    byte[] payload = waitFor("waitForEvent", DurableConditions.event(key, services.settings().namespaced(key),
        expression));
    var mapper = services.mapper();
    try {
      JsonNode match = DurableConditions.firstMatch(payload);
      JsonNode value = match == null ? mapper.createObjectNode() : match;
      return mapper.readerFor(mapper.getTypeFactory().constructType(type)).readValue(value);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("the payload of event '" + key + "' that task run "
          + action.getTaskRunExternalId() + " waited for is not a " + type.getTypeName() + ": " + e.getMessage()
          + " (wait with a type the event's JSON fits, or a Map)", e);
    }
  }

  /** The payload of the next matching event, or empty once {@code timeout} passed first (one OR group). */
  <T> java.util.Optional<T> waitForEvent(String key, String expression, Type type, Duration timeout) {
    if (key == null || key.isBlank()) {
      throw new IllegalArgumentException("waitForEvent key='" + key + "' is empty: pass the event key to wait for");
    }
    byte[] payload = waitFor("waitForEvent", DurableConditions.eventOrTimeout(key, services.settings().namespaced(key),
        expression, timeout));
    var mapper = services.mapper();
    try {
      JsonNode match = DurableConditions.matchOf(payload, key);
      return match == null ? java.util.Optional.empty()
          : java.util.Optional.of(mapper.readerFor(mapper.getTypeFactory().constructType(type)).readValue(match));
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("the payload of event '" + key + "' that task run "
          + action.getTaskRunExternalId() + " waited for is not a " + type.getTypeName() + ": " + e.getMessage()
          + " (wait with a type the event's JSON fits, or a Map)", e);
    }
  }

  /**
   * The value {@code compute} returned the first time this run asked for {@code deps} (stored in the run's event log),
   * else computes and stores it: replays get the first value back. The key is the SHA-256 of the task run id and the
   * JSON of {@code deps}, as the TypeScript SDK's {@code computeMemoKey} derives it.
   */
  <T> T memo(java.util.List<?> deps, Type type, java.util.concurrent.Callable<T> compute) throws Exception {
    check("memo");
    var mapper = services.mapper();
    byte[] key = java.security.MessageDigest.getInstance("SHA-256").digest(
        (invocation.taskRunExternalId() + mapper.writeValueAsString(deps)).getBytes(StandardCharsets.UTF_8));
    DurableWaits.Ack ack = request(DurableTaskRequest.newBuilder().setMemo(DurableTaskMemoRequest.newBuilder()
        .setInvocationCount(invocation.invocationCount()).setDurableTaskExternalId(invocation.taskRunExternalId())
        .setKey(ByteString.copyFrom(key))).build());
    services.durable().waits.ignore(ack.node());
    var reader = mapper.readerFor(mapper.getTypeFactory().constructType(type));
    if (ack.memoExisted() && ack.memoValue() != null) {
      return reader.readValue(ack.memoValue());
    }
    T value = compute.call();
    services.durable().send(DurableTaskRequest.newBuilder().setCompleteMemo(DurableTaskCompleteMemoRequest.newBuilder()
        .setRef(DurableEventLogEntryRef.newBuilder().setDurableTaskExternalId(invocation.taskRunExternalId())
            .setInvocationCount(invocation.invocationCount()).setBranchId(ack.node().branchId())
            .setNodeId(ack.node().nodeId()))
        .setPayload(ByteString.copyFrom(mapper.writeValueAsBytes(value))).setMemoKey(ByteString.copyFrom(key)))
        .build());
    return value;
  }

  /** The time of this run's first call to now(), the same on every replay (a memo of the worker's clock). */
  Instant now() {
    try {
      return Instant.parse(memo(java.util.List.of("now"), NowMemo.class, () -> new NowMemo(Instant.now().toString()))
          .ts());
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The memo of {@link #now()}: {@code {"ts": ISO-8601}}, as the TypeScript SDK stores it. */
  record NowMemo(String ts) {}

  /** Sleeps until {@code wakeAt} on the memoized {@link #now()} (whole seconds, at least 0), as the TS SDK does. */
  Duration sleepUntil(Instant wakeAt) {
    long millis = Duration.between(now(), wakeAt).toMillis();
    return sleepFor(Duration.ofSeconds(Math.max(0, (millis + 999) / 1000)));
  }

  private byte[] waitFor(String what, DurableEventListenerConditions conditions) {
    check(what);
    DurableWaits.Node node = request(DurableTaskRequest.newBuilder().setWaitFor(DurableTaskWaitForRequest.newBuilder()
        .setInvocationCount(invocation.invocationCount()).setDurableTaskExternalId(invocation.taskRunExternalId())
        .setWaitForConditions(conditions)).build()).node();
    DurableWaits waits = services.durable().waits;
    DurableWaits.Completion done = await(waits.await(node), () -> waits.forget(node));
    if (done.failure()) {
      throw new EngineRejectedException("DURABLE_WAIT_FAILED", what + " of task run " + invocation.taskRunExternalId()
          + " failed in the engine: " + (done.errorMessage() == null ? "no reason given" : done.errorMessage()), null);
    }
    return done.payload();
  }

  /** Sends a request and waits for its ack; one at a time per invocation, as the engine keys acks by it. */
  private DurableWaits.Ack request(DurableTaskRequest request) {
    DurableWaits waits = services.durable().waits;
    try {
      sending.lockInterruptibly();
    } catch (InterruptedException e) {
      throw cancelled(e);
    }
    try {
      CompletableFuture<DurableWaits.Ack> ack = waits.expectAck(invocation);
      services.durable().send(request);
      return await(ack, () -> waits.forget(invocation));
    } finally {
      sending.unlock();
    }
  }

  private void check(String what) {
    if (!durable) {
      throw new IllegalStateException("task '" + action.getTaskName() + "' is not durable, so ctx." + what
          + " cannot wait through the engine: declare it with hatchet.durableTask(..), workflow.durableTask(..) "
          + "or TaskOptions.builder().durable()");
    }
    EngineVersion version = services.engineVersion().get();
    if (version != null && !version.supportsDurableTask()) {
      throw new EngineRejectedException("UNIMPLEMENTED", "engine " + version + " is older than "
          + EngineVersion.DURABLE_TASK + ", the first with the DurableTask stream ctx." + what + " uses: upgrade "
          + "the engine", null);
    }
    if (cancelled.getAsBoolean() || Thread.currentThread().isInterrupted()) {
      throw cancelled(null);
    }
  }

  private <T> T await(CompletableFuture<T> future, Runnable onCancel) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      onCancel.run();
      throw cancelled(e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof HatchetException h) {
        throw h;
      }
      throw new IllegalStateException("durable call of task run " + invocation.taskRunExternalId() + " failed: "
          + e.getCause(), e.getCause());
    }
  }

  private RunCancelledException cancelled(InterruptedException e) {
    if (e != null) {
      Thread.currentThread().interrupt(); // the task body may check it too
    }
    return new RunCancelledException(action.getWorkflowRunId(), List.of());
  }
}
