package io.hatchetoperator.worker.runtime;

import io.hatchetoperator.proto.dispatcher.AssignedAction;
import io.hatchetoperator.proto.dispatcher.StepActionEventType;
import io.hatchetoperator.worker.Attempt;
import io.hatchetoperator.worker.TaskDefinition;
import io.hatchetoperator.worker.health.WorkerMetrics.Outcome;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns assignments into task executions, keyed by attempt (external id, retry count): START_STEP_RUN
 * starts the task of its action on a task thread, and a newer attempt of a run still winding down here
 * supersedes it (the old attempt's late result is never reported); an assignment of an attempt that
 * already started here, or of an older one, is ignored (the last 10,000 runs are remembered). CANCEL_STEP_RUN cancels the attempt it names. An assignment the worker should not run now
 * (draining without a free slot or time) or cannot run (an action it did not register) is handed back:
 * nothing is reported and the engine reassigns it once this worker stops heartbeating, as an internal
 * retry that does not use the task's retries. Called on gRPC threads.
 */
final class TaskRouter {
  private static final Logger LOG = LoggerFactory.getLogger(TaskRouter.class);

  /** Whether a new assignment may run now; during a drain only if a slot is free and time remains. */
  interface Admission {
    /** Null to run it, else why it is handed back. */
    String refusal(TaskDefinition<?> task);
  }

  private final String workerName;
  private final Map<String, TaskDefinition<?>> tasksByAction;
  private final Map<Attempt, TaskExecution> running;
  private final ExecutionServices services;
  private final Executor taskThreads;
  /** The newest attempt started here per run, for the last {@value #REMEMBERED_RUNS} runs. Guarded by this. */
  private final Map<String, Integer> newestAttempts = new LinkedHashMap<>(256, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
      return size() > REMEMBERED_RUNS;
    }
  };
  static final int REMEMBERED_RUNS = 10_000;

  TaskRouter(String workerName, Map<String, TaskDefinition<?>> tasksByAction,
      Map<Attempt, TaskExecution> running, ExecutionServices services, Executor taskThreads) {
    this.workerName = workerName;
    this.tasksByAction = tasksByAction;
    this.running = running;
    this.services = services;
    this.taskThreads = taskThreads;
  }

  void route(AssignedAction action, Admission admission) {
    switch (action.getActionType()) {
      case START_STEP_RUN -> start(action, admission);
      case CANCEL_STEP_RUN -> cancel(new Attempt(action.getTaskRunExternalId(), action.getRetryCount()));
      default -> LOG.warn("ignoring unsupported action type {} for {}", action.getActionType(),
          action.getActionId());
    }
  }

  /** The engine evicted invocations up to {@code invocation} of a durable task run: they stop, reporting nothing. */
  void evict(String taskRunExternalId, int invocation, String why) {
    running.values().stream()
        .filter(e -> e.taskRunId().equals(taskRunExternalId) && e.durableInvocation() <= invocation)
        .forEach(e -> {
          LOG.info("task run {} (invocation {}) evicted by the engine: {}", taskRunExternalId, invocation, why);
          e.evict(why);
        });
  }

  private void cancel(Attempt attempt) {
    TaskExecution execution = running.get(attempt);
    LOG.info("task run {} cancelled by the engine{}", attempt, execution == null ? " (not running here)" : "");
    if (execution != null) {
      execution.cancel();
    }
  }

  private synchronized void start(AssignedAction action, Admission admission) {
    Attempt attempt = new Attempt(action.getTaskRunExternalId(), action.getRetryCount());
    TaskDefinition<?> task = tasksByAction.get(action.getActionId());
    if (task == null) {
      handBack(attempt, action, "worker '" + workerName + "' did not register action '"
          + action.getActionId() + "' (it serves " + tasksByAction.keySet() + "); the engine should not "
          + "have sent it");
      return;
    }
    Integer newest = newestAttempts.get(attempt.taskRunExternalId());
    if (newest != null && newest >= attempt.retryCount()) {
      LOG.debug("task run {} already ran here as attempt {}; ignoring the repeated or older assignment",
          attempt, newest);
      return;
    }
    String refusal = admission.refusal(task);
    if (refusal != null) {
      handBack(attempt, action, refusal);
      return;
    }
    ActionPayload payload;
    try {
      payload = ActionPayload.parse(action.getActionPayload());
    } catch (IOException e) {
      String why = "action_payload of task run " + attempt + " is not JSON: " + e.getMessage();
      LOG.warn("task run {} ({}) not run: {}", attempt, action.getActionId(), why);
      services.events().send(StepEvents.of(action, services.workerId().get(),
          StepActionEventType.STEP_EVENT_TYPE_FAILED, why, false));
      return;
    }
    for (TaskExecution other : newest == null ? java.util.List.<TaskExecution>of() : running.values()) {
      if (attempt.supersedes(other.attempt())) {
        LOG.warn("task run {} arrived while attempt {} still winds down here: stopping the old attempt "
            + "and dropping its result", attempt, other.attempt());
        other.supersede();
      }
    }
    newestAttempts.put(attempt.taskRunExternalId(), attempt.retryCount());
    services.events().fence(attempt);
    TaskExecution execution = new TaskExecution(action, payload, task, services);
    running.put(attempt, execution);
    try {
      taskThreads.execute(execution);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      running.remove(attempt, execution);
      handBack(attempt, action, "the worker is stopping");
    }
  }

  private void handBack(Attempt attempt, AssignedAction action, String why) {
    LOG.warn("task run {} ({}) handed back to the engine, not run and not reported: {}", attempt,
        action.getActionId(), why);
    services.metrics().taskEnded(Outcome.HANDED_BACK, 0);
  }
}
