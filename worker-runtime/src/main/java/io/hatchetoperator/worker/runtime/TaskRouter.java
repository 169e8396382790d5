package io.hatchetoperator.worker.runtime;

import io.hatchetoperator.proto.dispatcher.AssignedAction;
import io.hatchetoperator.proto.dispatcher.StepActionEventType;
import io.hatchetoperator.worker.TaskDefinition;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns assignments into task executions: START_STEP_RUN starts the task of its action on a task
 * thread, CANCEL_STEP_RUN cancels the running one. An assignment the worker cannot run (draining,
 * unknown action, payload not JSON) is answered FAILED at once so the engine retries it elsewhere.
 * Called on gRPC threads.
 */
final class TaskRouter {
  private static final Logger LOG = LoggerFactory.getLogger(TaskRouter.class);

  private final String workerName;
  private final Map<String, TaskDefinition<?>> tasksByAction;
  private final Map<String, TaskExecution> running;
  private final ExecutionServices services;
  private final Executor taskThreads;

  TaskRouter(String workerName, Map<String, TaskDefinition<?>> tasksByAction,
      Map<String, TaskExecution> running, ExecutionServices services, Executor taskThreads) {
    this.workerName = workerName;
    this.tasksByAction = tasksByAction;
    this.running = running;
    this.services = services;
    this.taskThreads = taskThreads;
  }

  /** Routes one assignment; {@code refusal} is null when the worker takes new tasks, else why not. */
  void route(AssignedAction action, String refusal) {
    switch (action.getActionType()) {
      case START_STEP_RUN -> start(action, refusal);
      case CANCEL_STEP_RUN -> {
        TaskExecution execution = running.get(action.getTaskRunExternalId());
        LOG.info("task run {} cancelled by the engine{}", action.getTaskRunExternalId(),
            execution == null ? " (not running here)" : "");
        if (execution != null) {
          execution.cancel();
        }
      }
      default -> LOG.warn("ignoring unsupported action type {} for {}", action.getActionType(),
          action.getActionId());
    }
  }

  private void start(AssignedAction action, String refusal) {
    if (refusal != null) {
      reject(action, refusal);
      return;
    }
    TaskDefinition<?> task = tasksByAction.get(action.getActionId());
    if (task == null) {
      reject(action, "worker '" + workerName + "' has no task for action '" + action.getActionId()
          + "'; it serves " + tasksByAction.keySet());
      return;
    }
    ActionPayload payload;
    try {
      payload = ActionPayload.parse(action.getActionPayload());
    } catch (IOException e) {
      reject(action, "action_payload of task run " + action.getTaskRunExternalId()
          + " is not JSON: " + e.getMessage());
      return;
    }
    TaskExecution execution = new TaskExecution(action, payload, task, services);
    if (running.putIfAbsent(action.getTaskRunExternalId(), execution) != null) {
      LOG.debug("task run {} is already running here; ignoring the repeated assignment",
          action.getTaskRunExternalId());
      return;
    }
    taskThreads.execute(execution);
  }

  private void reject(AssignedAction action, String why) {
    LOG.warn("task run {} ({}) not run: {}", action.getTaskRunExternalId(), action.getActionId(), why);
    services.events().send(StepEvents.of(action, services.workerId().get(),
        StepActionEventType.STEP_EVENT_TYPE_FAILED, why, false));
  }
}
