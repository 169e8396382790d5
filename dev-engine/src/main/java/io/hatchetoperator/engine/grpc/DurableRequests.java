package io.hatchetoperator.engine.grpc;

import io.hatchetoperator.engine.core.DurableCondition;
import io.hatchetoperator.engine.core.DurableTasks;
import io.hatchetoperator.engine.core.EngineException;
import io.hatchetoperator.engine.core.Ids;
import io.hatchetoperator.engine.core.Json;
import io.hatchetoperator.engine.core.Scheduler;
import io.hatchetoperator.engine.core.TriggerRequest;
import io.hatchetoperator.proto.v1.DurableTaskAwaitedCompletedEntry;
import io.hatchetoperator.proto.v1.DurableTaskCompleteMemoRequest;
import io.hatchetoperator.proto.v1.DurableTaskMemoRequest;
import io.hatchetoperator.proto.v1.DurableTaskRequest;
import io.hatchetoperator.proto.v1.DurableTaskTriggerRunsRequest;
import io.hatchetoperator.proto.v1.DurableTaskWaitForRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Decodes the DurableTask stream's requests into {@link DurableTasks} calls; refusals go back as error messages. */
final class DurableRequests {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DurableRequests.class);

  private final Scheduler scheduler;
  private final DurableTasks durable;
  private final DurableStream stream;

  DurableRequests(Scheduler scheduler, DurableStream stream) {
    this.scheduler = scheduler;
    this.durable = scheduler.durable();
    this.stream = stream;
  }

  void handle(DurableTaskRequest req) {
    LOG.debug("DurableTask request {}", req);
    String taskId = "";
    int invocation = 0;
    try {
      switch (req.getMessageCase()) {
        case REGISTER_WORKER -> {
          String id = Ids.require("register_worker.worker_id", req.getRegisterWorker().getWorkerId());
          scheduler.worker("register_worker.worker_id", id);
          stream.registered(id);
        }
        case WAIT_FOR -> {
          DurableTaskWaitForRequest w = req.getWaitFor();
          taskId = w.getDurableTaskExternalId();
          invocation = w.getInvocationCount();
          List<DurableCondition> c = DurableCondition.parse("wait_for.wait_for_conditions", w.getWaitForConditions(),
              true);
          durable.waitFor(task("wait_for", taskId), invocation, c, stream);
        }
        case MEMO -> {
          DurableTaskMemoRequest m = req.getMemo();
          taskId = m.getDurableTaskExternalId();
          invocation = m.getInvocationCount();
          String payload = m.hasPayload() && !m.getPayload().isEmpty() ? json("memo.payload", m.getPayload()) : null;
          durable.memo(task("memo", taskId), invocation, HexFormat.of().formatHex(m.getKey().toByteArray()), payload,
              stream);
        }
        case COMPLETE_MEMO -> {
          DurableTaskCompleteMemoRequest m = req.getCompleteMemo();
          taskId = m.getRef().getDurableTaskExternalId();
          invocation = m.getRef().getInvocationCount();
          durable.completeMemo(task("complete_memo.ref", taskId), invocation, m.getRef().getBranchId(),
              m.getRef().getNodeId(),
              HexFormat.of().formatHex(m.getMemoKey().toByteArray()), json("complete_memo.payload", m.getPayload()),
              stream);
        }
        case TRIGGER_RUNS -> {
          DurableTaskTriggerRunsRequest t = req.getTriggerRuns();
          taskId = t.getDurableTaskExternalId();
          invocation = t.getInvocationCount();
          if (t.getTriggerOptsCount() == 0) {
            throw EngineException.invalid("trigger_runs.trigger_opts is empty; pass at least one child run");
          }
          List<TriggerRequest> reqs = new ArrayList<>();
          for (int i = 0; i < t.getTriggerOptsCount(); i++) {
            reqs.add(GrpcWorkflows.request("trigger_runs.trigger_opts[" + i + "].", t.getTriggerOpts(i)));
          }
          durable.triggerRuns(task("trigger_runs", taskId), invocation, reqs, stream);
        }
        case WORKER_STATUS -> {
          List<DurableTasks.Waiting> waiting = new ArrayList<>();
          for (DurableTaskAwaitedCompletedEntry e : req.getWorkerStatus().getWaitingEntriesList()) {
            waiting.add(new DurableTasks.Waiting(e.getDurableTaskExternalId(), e.getInvocationCount(),
                e.getBranchId(), e.getNodeId()));
          }
          durable.workerStatus(waiting, stream);
        }
        case EVICT_INVOCATION -> {
          taskId = req.getEvictInvocation().getDurableTaskExternalId();
          invocation = req.getEvictInvocation().getInvocationCount();
          durable.evict(task("evict_invocation", taskId), invocation, req.getEvictInvocation().getReason(), stream);
        }
        default -> throw EngineException.invalid("the DurableTask request has no message set (" + req.getMessageCase()
            + "); send one of register_worker, memo, trigger_runs, wait_for, evict_invocation, worker_status,"
            + " complete_memo");
      }
    } catch (EngineException e) {
      LOG.info("DurableTask {} refused (task {}, invocation {}): {}", req.getMessageCase(), taskId, invocation,
          e.getMessage());
      stream.refused(taskId, invocation, e.getMessage());
    }
  }

  private static String task(String prefix, String id) {
    return Ids.require(prefix + ".durable_task_external_id", id);
  }

  private static String json(String field, com.google.protobuf.ByteString bytes) {
    String text = bytes.toString(StandardCharsets.UTF_8);
    String problem = Json.problem(text, false);
    if (problem != null) {
      throw EngineException.invalid(field + " is not JSON (" + problem + "); send the JSON-serialised value");
    }
    return text;
  }
}
