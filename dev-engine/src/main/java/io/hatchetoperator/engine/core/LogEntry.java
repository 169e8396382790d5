package io.hatchetoperator.engine.core;

/**
 * One entry of a durable task's event log (Hatchet's v1_durable_event_log_entry): a wait, a memo or a child run at a
 * node of a branch, with its idempotency key and, once satisfied, its result. Mutable, guarded by the scheduler's lock.
 */
final class LogEntry {

  /** What a durable task recorded at a node. */
  enum Kind { WAIT_FOR, MEMO, RUN }

  final long nodeId;
  final long branchId;
  final Kind kind;
  /** Hatchet's idempotency key: what a replay must ask for again at this node. */
  final String key;
  /** A readable form of the call, for the non-determinism message. */
  final String call;
  boolean satisfied;
  /** The result as JSON text (memo value, wait match data, child output), or null. */
  String result;
  boolean failure;
  String errorMessage;
  /** RUN: the child run it started; WAIT_FOR: its match while unsatisfied. */
  String childRunId;
  DurableWait wait;

  LogEntry(long nodeId, long branchId, Kind kind, String key, String call) {
    this.nodeId = nodeId;
    this.branchId = branchId;
    this.kind = kind;
    this.key = key;
    this.call = call;
  }

  void satisfy(String resultJson) {
    satisfied = true;
    result = resultJson;
    wait = null;
  }

  void fail(String message) {
    satisfied = true;
    failure = true;
    errorMessage = message;
    wait = null;
  }
}
