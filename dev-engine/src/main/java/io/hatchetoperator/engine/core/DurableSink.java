package io.hatchetoperator.engine.core;

import java.util.List;

/** Where the durable log answers a worker: its DurableTask stream. Called with the scheduler's lock held. */
public interface DurableSink {

  /** A child run recorded at a node (trigger_runs_ack carries one per child). */
  record RunRef(long nodeId, long branchId, String runId) {}

  void waitForAck(String taskId, int invocation, long branchId, long nodeId);

  void memoAck(String taskId, int invocation, long branchId, long nodeId, boolean existed, String resultJson);

  void runsAck(String taskId, int invocation, List<RunRef> runs);

  /** entry_completed: the payload (JSON text) or, for a failed child, the error. */
  void entryCompleted(String taskId, int invocation, long branchId, long nodeId, String payload, boolean failure,
      String error);

  /** error NONDETERMINISM at the node a replay asked for something else. */
  void nonDeterminism(String taskId, int invocation, long branchId, long nodeId, String message);

  /** error UNSPECIFIED for a call the engine refused (bad input), naming the field and the fix. */
  void refused(String taskId, int invocation, String message);

  void serverEvict(String taskId, int invocation, String reason);

  void evictionAck(String taskId, int invocation);
}
