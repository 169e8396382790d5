package io.hatchetoperator.engine.core;

import io.hatchetoperator.proto.v1.CreateTaskOpts;
import io.hatchetoperator.proto.v1.CreateWorkflowVersionRequest;
import java.util.List;
import java.util.Map;

/** Builders for scheduler tests: a scheduler on a hand-moved clock, workflows, workers. */
final class Engines {

  final MutableClock clock = new MutableClock();
  final Scheduler scheduler;

  Engines() {
    this(EngineTimings.hatchet());
  }

  Engines(EngineTimings timings) {
    scheduler = new Scheduler(clock, timings, Ids.uuid(), new WorkflowRegistry());
  }

  /** Builders over an existing scheduler (whose clock is not {@link #clock}). */
  Engines(Scheduler scheduler) {
    this.scheduler = scheduler;
  }

  static CreateTaskOpts.Builder task(String workflow, String name, String... parents) {
    return CreateTaskOpts.newBuilder().setReadableId(name).setAction(workflow + ":" + name).setTimeout("30s")
        .addAllParents(List.of(parents)).putSlotRequests("default", 1);
  }

  WorkflowDef workflow(String name, CreateTaskOpts.Builder... tasks) {
    CreateWorkflowVersionRequest.Builder b = CreateWorkflowVersionRequest.newBuilder().setName(name);
    for (CreateTaskOpts.Builder t : tasks) {
      b.addTasks(t);
    }
    return scheduler.registry().put(b.build());
  }

  WorkflowDef simple(String name) {
    return workflow(name, task(name, name));
  }

  /** Registers, listens and heartbeats a worker; returns its sink. */
  RecordingSink worker(String name, int slots, String... actions) {
    return worker(name, Map.of("default", slots), actions);
  }

  RecordingSink worker(String name, Map<String, Integer> slots, String... actions) {
    String id = scheduler.register(name, List.of(actions), slots, Map.of(), "TYPESCRIPT");
    RecordingSink sink = new RecordingSink();
    sink.workerId = id;
    scheduler.listen(id, sink, false);
    scheduler.heartbeat(id);
    return sink;
  }

  /** Registers, listens and heartbeats a worker with labels; returns its sink. */
  RecordingSink labelled(String name, Map<String, String> labels, String... actions) {
    String id = scheduler.register(name, List.of(actions), Map.of("default", 10), labels, "GO");
    RecordingSink sink = new RecordingSink();
    sink.workerId = id;
    scheduler.listen(id, sink, false);
    scheduler.heartbeat(id);
    return sink;
  }

  String trigger(String workflow, String input) {
    return scheduler.trigger(TriggerRequest.of(workflow, input));
  }

  void complete(TaskRun t, String output) {
    scheduler.taskEvent(t.externalId(), TaskEventKind.COMPLETED, output, t.retryCount(), false);
  }

  void fail(TaskRun t, String error) {
    scheduler.taskEvent(t.externalId(), TaskEventKind.FAILED, error, t.retryCount(), false);
  }

  String error(String runId, String task) {
    String error = scheduler.readRun(runId, r -> r.tasks().get(task).error());
    return error;
  }

  TaskState taskState(String runId, String task) {
    TaskState state = scheduler.readRun(runId, r -> r.tasks().get(task).state());
    return state;
  }

  TaskState state(String runId) {
    return scheduler.readRun(runId, WorkflowRun::status);
  }
}
