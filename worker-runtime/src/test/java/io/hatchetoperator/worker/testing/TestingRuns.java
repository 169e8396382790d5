package io.hatchetoperator.worker.testing;

import io.grpc.stub.ServerCallStreamObserver;
import io.hatchetoperator.proto.dispatcher.StepRunResult;
import io.hatchetoperator.proto.dispatcher.WorkflowRunEvent;
import io.hatchetoperator.proto.dispatcher.WorkflowRunEventType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Workflow runs of the fake engine: one task per run, finished by the worker's events. */
public final class TestingRuns {

  /** One run and its single task run. */
  public static final class Run {
    public final String runId = UUID.randomUUID().toString();
    public final String taskRunId = UUID.randomUUID().toString();
    public final String workflowName;
    public final String taskName;
    public final String input;
    public volatile String status = "QUEUED";
    public volatile String output;
    public volatile String error;

    Run(String workflowName, String taskName, String input) {
      this.workflowName = workflowName;
      this.taskName = taskName;
      this.input = input;
    }

    boolean done() {
      return status.equals("COMPLETED") || status.equals("FAILED") || status.equals("CANCELLED");
    }
  }

  private final Map<String, Run> byRun = new ConcurrentHashMap<>();
  private final Map<String, Run> byTask = new ConcurrentHashMap<>();
  private final Map<ServerCallStreamObserver<WorkflowRunEvent>, Set<String>> subscribers = new LinkedHashMap<>();

  Run create(String workflowName, String taskName, String input) {
    Run run = new Run(workflowName, taskName, input);
    byRun.put(run.runId, run);
    byTask.put(run.taskRunId, run);
    return run;
  }

  public Run run(String runId) {
    return byRun.get(runId);
  }

  Run byTaskRun(String taskRunId) {
    return byTask.get(taskRunId);
  }

  /** Marks a run finished and tells its subscribers. */
  void finish(Run run, String status, String output, String error) {
    run.output = output;
    run.error = error;
    run.status = status;
    List<ServerCallStreamObserver<WorkflowRunEvent>> targets = new ArrayList<>();
    synchronized (subscribers) {
      subscribers.forEach((obs, ids) -> {
        if (ids.remove(run.runId)) {
          targets.add(obs);
        }
      });
    }
    targets.forEach(obs -> send(obs, run));
  }

  void subscribe(ServerCallStreamObserver<WorkflowRunEvent> observer, String runId) {
    Run run = byRun.get(runId);
    synchronized (subscribers) {
      if (run == null || !run.done()) {
        subscribers.computeIfAbsent(observer, o -> ConcurrentHashMap.newKeySet()).add(runId);
        return;
      }
    }
    send(observer, run);
  }

  void unsubscribeAll(ServerCallStreamObserver<WorkflowRunEvent> observer) {
    synchronized (subscribers) {
      subscribers.remove(observer);
    }
  }

  /** Ends every run subscription stream with UNAVAILABLE, as an engine restart would. */
  public void breakSubscriptions() {
    List<ServerCallStreamObserver<WorkflowRunEvent>> all;
    synchronized (subscribers) {
      all = new ArrayList<>(subscribers.keySet());
      subscribers.clear();
    }
    all.forEach(obs -> {
      synchronized (obs) {
        obs.onError(io.grpc.Status.UNAVAILABLE.withDescription("engine restarting").asRuntimeException());
      }
    });
  }

  private static void send(ServerCallStreamObserver<WorkflowRunEvent> obs, Run run) {
    StepRunResult.Builder result = StepRunResult.newBuilder().setTaskRunExternalId(run.taskRunId)
        .setTaskName(run.taskName).setJobRunId(run.taskRunId);
    if (run.error != null) {
      result.setError(run.error);
    } else {
      result.setOutput(run.output == null ? "" : run.output);
    }
    WorkflowRunEvent event = WorkflowRunEvent.newBuilder().setWorkflowRunId(run.runId)
        .setEventType(WorkflowRunEventType.WORKFLOW_RUN_EVENT_TYPE_FINISHED).addResults(result).build();
    synchronized (obs) {
      if (!obs.isCancelled()) {
        obs.onNext(event);
      }
    }
  }
}
