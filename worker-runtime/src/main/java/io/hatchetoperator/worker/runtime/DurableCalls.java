package io.hatchetoperator.worker.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import io.hatchetoperator.proto.dispatcher.AssignedAction;
import io.hatchetoperator.proto.v1.DurableEventListenerConditions;
import io.hatchetoperator.proto.v1.DurableTaskRequest;
import io.hatchetoperator.proto.v1.DurableTaskWaitForRequest;
import io.hatchetoperator.worker.EngineRejectedException;
import io.hatchetoperator.worker.HatchetException;
import io.hatchetoperator.worker.RunCancelledException;
import java.lang.reflect.Type;
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

  private byte[] waitFor(String what, DurableEventListenerConditions conditions) {
    check(what);
    DurableWaits waits = services.durable().waits;
    DurableWaits.Node node;
    try {
      sending.lockInterruptibly();
    } catch (InterruptedException e) {
      throw cancelled(e);
    }
    try {
      CompletableFuture<DurableWaits.Node> ack = waits.expectAck(invocation);
      services.durable().send(DurableTaskRequest.newBuilder().setWaitFor(DurableTaskWaitForRequest.newBuilder()
          .setInvocationCount(invocation.invocationCount()).setDurableTaskExternalId(invocation.taskRunExternalId())
          .setWaitForConditions(conditions)).build());
      node = await(ack, () -> waits.forget(invocation));
    } finally {
      sending.unlock();
    }
    DurableWaits.Completion done = await(waits.await(node), () -> waits.forget(node));
    if (done.failure()) {
      throw new EngineRejectedException("DURABLE_WAIT_FAILED", what + " of task run " + invocation.taskRunExternalId()
          + " failed in the engine: " + (done.errorMessage() == null ? "no reason given" : done.errorMessage()), null);
    }
    return done.payload();
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
