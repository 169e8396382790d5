package io.hatchetoperator.worker.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import io.hatchetoperator.proto.dispatcher.AssignedAction;
import io.hatchetoperator.proto.dispatcher.StepActionEvent;
import io.hatchetoperator.proto.dispatcher.StepActionEventType;
import io.hatchetoperator.worker.NonRetryableException;
import io.hatchetoperator.worker.TaskDefinition;
import io.hatchetoperator.worker.client.Json;
import io.hatchetoperator.worker.health.WorkerMetrics.Outcome;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One assigned task run: waits for its slots, sends STARTED, runs the task and sends COMPLETED or
 * FAILED. Exactly one ending wins: completion, failure, cancellation (nothing is sent) or
 * abandonment at the drain deadline (FAILED is sent at once, the task's own result is dropped).
 */
final class TaskExecution implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(TaskExecution.class);
  static final String ABANDONED_MESSAGE = "worker shut down before the task finished";

  private final AssignedAction action;
  private final TaskDefinition<?> task;
  private final ExecutionServices services;
  private final long assignedNanos = System.nanoTime();
  private final AtomicBoolean ended = new AtomicBoolean();
  private final AtomicBoolean slotsHeld = new AtomicBoolean();
  private final TaskContext context;
  private Thread thread; // guarded by this

  private final ActionPayload payload;

  TaskExecution(AssignedAction action, ActionPayload payload, TaskDefinition<?> task,
      ExecutionServices services) {
    this.action = action;
    this.payload = payload;
    this.task = task;
    this.services = services;
    this.context = new TaskContext(action, payload.parents(), services, this::releaseSlots);
  }

  String taskRunId() {
    return action.getTaskRunExternalId();
  }

  @Override
  public void run() {
    synchronized (this) {
      if (ended.get()) {
        services.onEnd().accept(this);
        return;
      }
      thread = Thread.currentThread();
    }
    try {
      services.slots().acquire(task.options().slotRequests());
      slotsHeld.set(true);
      long startNanos = System.nanoTime();
      services.metrics().taskStarted((startNanos - assignedNanos) / 1e9);
      if (!ended.get()) {
        services.events().send(event(StepActionEventType.STEP_EVENT_TYPE_STARTED, "", false));
        execute(startNanos);
      }
    } catch (InterruptedException e) {
      LOG.debug("task run {} stopped while waiting for a slot", taskRunId());
    } finally {
      releaseSlots();
      synchronized (this) {
        thread = null;
        Thread.interrupted();
      }
      services.onEnd().accept(this);
    }
  }

  private void execute(long startNanos) {
    Object input;
    try {
      input = decodeInput();
    } catch (Exception e) {
      fail(startNanos, "input of task '" + task.name() + "' cannot be read as "
          + task.inputType().getSimpleName() + ": " + e.getMessage() + " (fix the triggering input)", true);
      return;
    }
    Object output;
    try {
      output = invoke(input);
    } catch (Throwable error) {
      fail(startNanos, FailurePayload.of(error), error instanceof NonRetryableException);
      return;
    }
    String payload;
    try {
      payload = output == null ? "" : Json.MAPPER.writeValueAsString(output);
    } catch (Exception e) {
      fail(startNanos, "output of task '" + task.name() + "' (a " + output.getClass().getName()
          + ") cannot be written as JSON: " + e.getMessage()
          + " (return a record, a map or another Jackson-writable value)", true);
      return;
    }
    if (ended.compareAndSet(false, true)) {
      services.events().send(event(StepActionEventType.STEP_EVENT_TYPE_COMPLETED, payload, false));
      services.metrics().taskEnded(Outcome.COMPLETED, (System.nanoTime() - startNanos) / 1e9);
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private Object invoke(Object input) throws Exception {
    return ((TaskDefinition) task).function().run(input, context);
  }

  private Object decodeInput() throws Exception {
    JsonNode input = payload.input().isNull() ? Json.MAPPER.createObjectNode() : payload.input();
    return Json.MAPPER.treeToValue(input, task.inputType());
  }

  private void fail(long startNanos, String message, boolean noRetry) {
    if (ended.compareAndSet(false, true)) {
      LOG.warn("task run {} ({}) failed: {}", taskRunId(), action.getActionId(),
          message.lines().findFirst().orElse(""));
      services.events().send(event(StepActionEventType.STEP_EVENT_TYPE_FAILED, message, noRetry));
      services.metrics().taskEnded(Outcome.FAILED, (System.nanoTime() - startNanos) / 1e9);
    }
  }

  /** The engine cancelled the run: stop it, send nothing. */
  void cancel() {
    if (ended.compareAndSet(false, true)) {
      services.metrics().taskEnded(Outcome.CANCELLED, 0);
      stop();
    }
  }

  /** The drain deadline passed: report FAILED so the engine retries it now, then stop it. */
  void abandon() {
    if (ended.compareAndSet(false, true)) {
      services.events().send(event(StepActionEventType.STEP_EVENT_TYPE_FAILED, ABANDONED_MESSAGE, false));
      services.metrics().taskEnded(Outcome.ABANDONED, 0);
      stop();
    }
  }

  /** The worker was killed: stop without reporting anything. */
  void kill() {
    ended.set(true);
    stop();
  }

  private synchronized void stop() {
    context.markCancelled();
    if (thread != null) {
      thread.interrupt();
    }
  }

  private void releaseSlots() {
    if (slotsHeld.compareAndSet(true, false)) {
      services.slots().release(task.options().slotRequests());
    }
  }

  private StepActionEvent event(StepActionEventType type, String payload, boolean noRetry) {
    return StepEvents.of(action, services.workerId().get(), type, payload, noRetry);
  }
}
