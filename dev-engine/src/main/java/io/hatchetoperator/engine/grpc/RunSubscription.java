package io.hatchetoperator.engine.grpc;

import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.hatchetoperator.engine.core.EngineException;
import io.hatchetoperator.engine.core.Ids;
import io.hatchetoperator.engine.core.RunObserver;
import io.hatchetoperator.engine.core.Scheduler;
import io.hatchetoperator.engine.core.WorkflowRun;
import io.hatchetoperator.proto.dispatcher.SubscribeToWorkflowRunsRequest;
import io.hatchetoperator.proto.dispatcher.WorkflowRunEvent;
import java.util.HashSet;
import java.util.Set;

/**
 * One client's SubscribeToWorkflowRuns stream: the client sends run ids, and gets one FINISHED event per run, at once
 * when the run is already done. An id the engine does not know gets a FINISHED event with an error, never silence.
 */
final class RunSubscription implements StreamObserver<SubscribeToWorkflowRunsRequest>, RunObserver {

  private final Scheduler scheduler;
  private final ServerCallStreamObserver<WorkflowRunEvent> out;
  private final Set<String> watched = new HashSet<>();
  private boolean done;

  RunSubscription(Scheduler scheduler, ServerCallStreamObserver<WorkflowRunEvent> out) {
    this.scheduler = scheduler;
    this.out = out;
    out.setOnCancelHandler(this::forgetAll);
  }

  @Override
  public void onNext(SubscribeToWorkflowRunsRequest req) {
    String id = req.getWorkflowRunId();
    try {
      Ids.require("workflow_run_id", id);
      synchronized (this) {
        watched.add(id);
      }
      scheduler.observe(id, this);
    } catch (EngineException e) {
      send(RunResults.unknown(id, e.getMessage(), System.currentTimeMillis()));
    }
  }

  @Override
  public void runFinished(WorkflowRun run) {
    synchronized (this) {
      watched.remove(run.id());
    }
    send(RunResults.finished(run, System.currentTimeMillis()));
  }

  @Override
  public void onError(Throwable t) {
    forgetAll();
  }

  @Override
  public void onCompleted() {
    forgetAll();
    synchronized (this) {
      if (!done) {
        done = true;
        out.onCompleted();
      }
    }
  }

  private synchronized void send(WorkflowRunEvent e) {
    if (!done && !out.isCancelled()) {
      out.onNext(e);
    }
  }

  private void forgetAll() {
    Set<String> ids;
    synchronized (this) {
      ids = new HashSet<>(watched);
      watched.clear();
    }
    for (String id : ids) {
      scheduler.forget(id, this);
    }
  }
}
