package io.hatchetoperator.worker.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hatchetoperator.proto.dispatcher.AssignedAction;
import io.hatchetoperator.proto.dispatcher.StepActionEvent;
import io.hatchetoperator.proto.dispatcher.StepActionEventType;
import io.hatchetoperator.worker.Attempt;
import io.hatchetoperator.worker.TaskDefinition;
import io.hatchetoperator.worker.health.WorkerMetrics.Outcome;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One attempt at a task run: waits for its slots, sends STARTED, runs the task and sends COMPLETED or
 * FAILED. Exactly one ending wins: completion, failure, or one that reports nothing: cancellation by
 * the engine, a newer attempt of the same run (the late result is fenced off), hand-back at the drain
 * deadline, a kill; or, in stop mode FAIL_FAST, abandonment (FAILED is sent at once). A cancelled or
 * superseded run gives its slots back at once, as the engine does, and is watched: a warning after the
 * cancellation warning threshold, an overrun counted after the grace period (the TypeScript SDK's
 * {@code handleCancelStepRun} in {@code v1/client/worker/worker-internal.js} does the same).
 */
final class TaskExecution implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(TaskExecution.class);
  static final String ABANDONED_MESSAGE = "worker shut down before the task finished";
  /** Room left in a gRPC message for the event's other fields. */
  static final int EVENT_OVERHEAD_BYTES = 4096;

  private final AssignedAction action;
  private final Attempt attempt;
  private volatile boolean finished;
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
    this.attempt = new Attempt(action.getTaskRunExternalId(), action.getRetryCount());
    this.context = new TaskContext(action, payload, services, this::releaseSlots, task.options().durable());
  }

  String taskRunId() {
    return action.getTaskRunExternalId();
  }

  Attempt attempt() {
    return attempt;
  }

  TaskDefinition<?> task() {
    return task;
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
        finished = true;
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
      fail(startNanos, sdkError("InvalidInput", "input of task '" + task.name() + "' cannot be read as "
          + simpleName(task.inputType()) + ": " + e.getMessage() + " (fix the triggering input)"), true);
      return;
    }
    Object output;
    try {
      output = invoke(input);
    } catch (Throwable error) {
      fail(startNanos, FailurePayload.of(error, attempt.taskRunExternalId(), attempt.retryCount()),
          task.options().isNonRetryable(error));
      return;
    }
    String payload;
    try {
      payload = output == null ? "" : services.mapper().writeValueAsString(output);
    } catch (Exception e) {
      fail(startNanos, sdkError("InvalidOutput", "output of task '" + task.name() + "' (a "
          + output.getClass().getName() + ") cannot be written as JSON: " + e.getMessage()
          + " (return a record, a map or another Jackson-writable value)"), true);
      return;
    }
    int limit = services.settings().maxSendMessageBytes() - EVENT_OVERHEAD_BYTES;
    int bytes = payload.length() > limit / 4 ? payload.getBytes(StandardCharsets.UTF_8).length : 0;
    if (bytes > limit) {
      fail(startNanos, sdkError("OutputTooLarge", "output of task '" + task.name() + "' is " + bytes
          + " bytes, over the " + limit + " bytes an event can carry within the engine's gRPC message limit of "
          + services.settings().maxSendMessageBytes() + " bytes (HATCHET_CLIENT_GRPC_MAX_SEND_MESSAGE_LENGTH): "
          + "return a smaller output, e.g. store the data elsewhere and return a reference"), true);
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
    JsonNode input = payload.input().isNull() ? services.mapper().createObjectNode() : payload.input();
    ObjectMapper mapper = services.mapper();
    return mapper.readerFor(mapper.getTypeFactory().constructType(task.inputType())).readValue(input);
  }

  private String sdkError(String type, String message) {
    return FailurePayload.sdk(type, message, attempt.taskRunExternalId(), attempt.retryCount());
  }

  private static String simpleName(java.lang.reflect.Type type) {
    return type instanceof Class<?> c ? c.getSimpleName() : type.getTypeName();
  }

  private void fail(long startNanos, String message, boolean noRetry) {
    if (ended.compareAndSet(false, true)) {
      LOG.warn("task run {} ({}) failed: {}", attempt, action.getActionId(),
          message.lines().findFirst().orElse(""));
      services.events().send(event(StepActionEventType.STEP_EVENT_TYPE_FAILED, message, noRetry));
      services.metrics().taskEnded(Outcome.FAILED, (System.nanoTime() - startNanos) / 1e9);
    }
  }

  /** The engine cancelled the run: stop it, send nothing, free its slots now as the engine does. */
  void cancel() {
    end(Outcome.CANCELLED, "cancelled by the engine");
  }

  /** A newer attempt of this run arrived: stop this one and never report its result. */
  void supersede() {
    end(Outcome.SUPERSEDED, "superseded by a newer attempt");
  }

  /** The engine evicted this durable invocation (a newer one runs elsewhere): stop, report nothing. */
  void evict(String why) {
    end(Outcome.SUPERSEDED, "evicted by the engine: " + why);
  }

  /** The durable invocation this assignment is (1 when the engine does not say, as the TypeScript SDK reads it). */
  int durableInvocation() {
    return action.hasDurableTaskInvocationCount() ? action.getDurableTaskInvocationCount() : 1;
  }

  /** The drain deadline passed (stop mode HAND_BACK): stop, report nothing; the engine reassigns it. */
  void handBack() {
    if (ended.compareAndSet(false, true)) {
      services.metrics().taskEnded(Outcome.HANDED_BACK, 0);
      stop();
    }
  }

  private void end(Outcome outcome, String why) {
    if (ended.compareAndSet(false, true)) {
      services.metrics().taskEnded(outcome, 0);
      stop();
      releaseSlots();
      watch(why);
    }
  }

  /** Warns when the code has not returned by the warning threshold, counts an overrun after the grace period. */
  private void watch(String why) {
    long start = System.nanoTime();
    long warnMs = services.settings().timing().cancellationWarning().toMillis();
    long graceMs = Math.max(warnMs, services.settings().timing().cancellationGrace().toMillis());
    try {
      services.control().schedule(() -> {
        if (!finished) {
          LOG.warn("task run {} ({}) has not stopped {} ms after it was {}; check for blocking calls that "
              + "ignore interruption and poll ctx.isCancelled()", attempt, action.getActionId(),
              (System.nanoTime() - start) / 1_000_000, why);
        }
      }, warnMs, TimeUnit.MILLISECONDS);
      services.control().schedule(() -> {
        if (!finished) {
          services.metrics().cancellationOverrun();
          LOG.error("task run {} ({}) still running {} ms after it was {}, past the cancellation grace "
              + "period; its slot is already free, so this worker now runs more tasks than it has slots",
              attempt, action.getActionId(), (System.nanoTime() - start) / 1_000_000, why);
        }
      }, graceMs, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      LOG.debug("worker stopping; not watching the cancelled run {}", attempt);
    }
  }

  /** The drain deadline passed (stop mode FAIL_FAST): report FAILED so the engine retries it now, then stop it. */
  void abandon() {
    if (ended.compareAndSet(false, true)) {
      services.events().send(event(StepActionEventType.STEP_EVENT_TYPE_FAILED,
          FailurePayload.sdk("WorkerShutdown", ABANDONED_MESSAGE, attempt.taskRunExternalId(), attempt.retryCount()),
          false));
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
