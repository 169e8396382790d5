package io.hatchetoperator.engine.core;

import java.util.ArrayList;
import java.util.List;

/**
 * What a trigger request needs checked before the scheduler's lock is taken: the workflows exist, priorities are in
 * Hatchet's 1–3, inputs fit the payload limits, idempotency keys evaluate. All or none: the first problem is thrown.
 *
 * @param sizes each request's input bytes; {@code total} their sum
 * @param keys each request's idempotency key, or null
 */
record TriggerPlan(List<WorkflowDef> defs, long[] sizes, String[] keys, long total) {

  static TriggerPlan of(WorkflowRegistry registry, PayloadLimits limits, List<TriggerRequest> requests) {
    List<WorkflowDef> defs = new ArrayList<>();
    long[] sizes = new long[requests.size()];
    String[] keys = new String[requests.size()];
    long total = 0;
    for (int i = 0; i < requests.size(); i++) {
      String prefix = requests.size() == 1 ? "" : "workflows[" + i + "].";
      TriggerRequest r = requests.get(i);
      WorkflowDef def = registry.get(prefix + "name", r.workflowName());
      defs.add(def);
      Integer p = r.priority();
      if (p != null && (p < 1 || p > 3)) {
        throw EngineException.invalid(prefix + "priority must be between 1 and 3, got " + p + " (Hatchet's range: 1 low,"
            + " the default, to 3 high)");
      }
      sizes[i] = PayloadBudget.checkInput(limits, prefix + "input", r);
      total += sizes[i];
      keys[i] = def.idempotency() == null ? null : IdempotencyKeys.evaluate(def.name(), def.idempotency(), r);
    }
    return new TriggerPlan(defs, sizes, keys, total);
  }
}
