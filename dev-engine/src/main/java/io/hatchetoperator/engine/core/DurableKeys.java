package io.hatchetoperator.engine.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The idempotency keys a replay is checked against (the fields of Hatchet's createIdempotencyKey in
 * pkg/repository/durable_events.go: the kind and, for a wait, its conditions sorted; for a run, the child's input and
 * workflow name; Hatchet stores their SHA-256, a wait's key is kept as text here as it is compared only in memory),
 * readable forms of the calls, and a child run's result as its parent receives it.
 */
final class DurableKeys {

  private DurableKeys() {}

  static String waitFor(List<DurableCondition> conditions) {
    List<String> parts = new ArrayList<>();
    for (DurableCondition c : conditions) {
      parts.add(c.keyPart());
    }
    parts.sort(null);
    return "WAIT_FOR\n" + String.join("\n", parts);
  }

  static String run(TriggerRequest r) {
    return sha256("RUN" + r.inputJson() + r.workflowName());
  }

  static String describe(List<DurableCondition> conditions) {
    List<String> parts = new ArrayList<>();
    for (DurableCondition c : conditions) {
      parts.add(c.kind() == DurableCondition.Kind.SLEEP ? "sleep " + c.sleepFor()
          : "event '" + c.eventKey() + "'" + (c.expression() == null ? "" : " if " + c.expression().source()));
    }
    return "wait for " + String.join(" or ", parts);
  }

  /** A single-task run's output is that task's output; a DAG's is an object of task name to output. */
  static String output(WorkflowRun run) {
    if (run.tasks.size() == 1) {
      String out = run.tasks.values().iterator().next().output;
      return out == null ? "null" : out;
    }
    StringBuilder sb = new StringBuilder("{");
    for (Map.Entry<String, TaskRun> e : run.tasks.entrySet()) {
      sb.append(sb.length() > 1 ? "," : "").append(Json.quote(e.getKey())).append(':')
          .append(e.getValue().output == null ? "null" : e.getValue().output);
    }
    return sb.append('}').toString();
  }

  /** The first failed (else cancelled) task's error. */
  static String error(WorkflowRun run) {
    for (TaskState wanted : List.of(TaskState.FAILED, TaskState.CANCELLED)) {
      for (TaskRun t : run.tasks.values()) {
        if (t.state == wanted) {
          return t.error == null ? "child task '" + t.def.readableId() + "' " + wanted : t.error;
        }
      }
    }
    return "child run " + run.id + " ended " + run.status();
  }

  static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}
