package io.hatchetoperator.engine.core;

import com.google.protobuf.Message;
import com.google.protobuf.UnknownFieldSet;
import io.hatchetoperator.proto.v1.CreateTaskOpts;
import io.hatchetoperator.proto.v1.CreateWorkflowVersionRequest;
import java.util.List;
import java.util.Map;

/**
 * The features a PutWorkflow may ask for that this engine does not enforce: each one fails the registration with
 * INVALID_ARGUMENT naming the workflow, the field and the way out, so nothing a workflow declares is silently ignored.
 * Fields the engine's contract does not know at all (a newer SDK's additions) are rejected the same way.
 */
final class FeatureAudit {

  private FeatureAudit() {}

  /** Throws INVALID_ARGUMENT for the first feature of {@code r} that this engine would otherwise ignore. */
  static void check(String wf, CreateWorkflowVersionRequest r) {
    unknownFields("workflow '" + wf + "'", r);
    if (r.hasDefaultPriority() && (r.getDefaultPriority() < 1 || r.getDefaultPriority() > 3)) {
      throw EngineException.invalid("default_priority = " + r.getDefaultPriority() + " of workflow '" + wf
          + "' is out of range; Hatchet priorities are 1 (low, the default), 2 or 3 (high)");
    }
    for (int i = 0; i < r.getTasksCount(); i++) {
      task(wf, "tasks[" + i + "]", r.getTasks(i));
    }
    if (r.hasOnFailureTask()) {
      task(wf, "on_failure_task", r.getOnFailureTask());
      if (hasConditions(r.getOnFailureTask())) {
        throw EngineException.invalid("on_failure_task ('" + r.getOnFailureTask().getReadableId() + "') of workflow '"
            + wf + "' has conditions (wait_for / skip_if / cancel_if): the dev engine matches conditions only on DAG"
            + " tasks (the on-failure task starts when a task fails), so it refuses them rather than ignore them;"
            + " remove them");
      }
    }
  }

  private static boolean hasConditions(CreateTaskOpts t) {
    return t.hasConditions() && t.getConditions().getSleepConditionsCount()
        + t.getConditions().getUserEventConditionsCount() + t.getConditions().getParentOverrideConditionsCount() > 0;
  }

  private static void task(String wf, String field, CreateTaskOpts t) {
    String where = field + " ('" + t.getReadableId() + "') of workflow '" + wf + "'";
    if (t.hasBatch() && t.getBatch().getBatchMaxSize() > 0) {
      throw unsupported(where, "batch", "batch tasks", "remove the batch option");
    }
  }

  /** Rejects the first field set in {@code m} (or in a message inside it) that the engine's contract does not define. */
  static void unknownFields(String where, Message m) {
    UnknownFieldSet unknown = m.getUnknownFields();
    if (!unknown.asMap().isEmpty()) {
      int number = unknown.asMap().keySet().iterator().next();
      throw EngineException.invalid(m.getDescriptorForType().getName() + " field number " + number + " of " + where
          + " is not part of the contract this dev engine implements (a newer SDK's option: see the field's number in"
          + " Hatchet's api-contracts); the engine would ignore it, so remove the option or use a Hatchet engine");
    }
    for (Map.Entry<com.google.protobuf.Descriptors.FieldDescriptor, Object> e : m.getAllFields().entrySet()) {
      if (e.getKey().getJavaType() != com.google.protobuf.Descriptors.FieldDescriptor.JavaType.MESSAGE) {
        continue;
      }
      Object v = e.getValue();
      for (Object item : v instanceof List<?> list ? list : List.of(v)) {
        unknownFields(where, (Message) item);
      }
    }
  }

  static EngineException unsupported(String where, String field, String feature, String fix) {
    return EngineException.invalid(where + " sets " + field + ": " + feature + " are not enforced by the dev engine,"
        + " so it refuses them rather than ignore them; " + fix + " or use a Hatchet engine");
  }
}
