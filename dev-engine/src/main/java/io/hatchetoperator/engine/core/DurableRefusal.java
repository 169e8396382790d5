package io.hatchetoperator.engine.core;

/** Why the durable log refused a call; the stream adapter answers each as Hatchet does. */
public abstract sealed class DurableRefusal extends RuntimeException {

  private DurableRefusal(String message) {
    super(message, null, false, false);
  }

  public abstract String taskId();

  /** The worker runs an older invocation than the log's: Hatchet answers server_evict (StaleInvocationError). */
  public static final class Stale extends DurableRefusal {
    private final String taskId;
    private final int current;
    private final int sent;

    Stale(String taskId, int current, int sent) {
      super("invocation count mismatch for task " + taskId + ": server has " + current + ", worker sent " + sent);
      this.taskId = taskId;
      this.current = current;
      this.sent = sent;
    }

    @Override
    public String taskId() {
      return taskId;
    }

    public int sent() {
      return sent;
    }

    public int current() {
      return current;
    }
  }

  /** A replay asked for a different call at a recorded node: Hatchet answers error NONDETERMINISM. */
  public static final class NonDeterminism extends DurableRefusal {
    private final String taskId;
    private final long nodeId;
    private final long branchId;

    NonDeterminism(String taskId, long nodeId, long branchId, String expected, String received) {
      super("non-determinism error in task " + taskId + " at node " + nodeId + ":" + branchId + "\n  expected: "
          + expected + "\n  received: " + received);
      this.taskId = taskId;
      this.nodeId = nodeId;
      this.branchId = branchId;
    }

    @Override
    public String taskId() {
      return taskId;
    }

    public long nodeId() {
      return nodeId;
    }

    public long branchId() {
      return branchId;
    }
  }
}
