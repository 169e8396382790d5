package io.hatchetoperator.worker;

import java.util.ArrayList;
import java.util.List;

/** A task's conditions by what they do: wait for (QUEUE), skip if (SKIP), cancel if (CANCEL). */
public record TaskConditions(List<Condition> waitFor, List<Condition> skipIf, List<Condition> cancelIf) {

  /** No conditions: the task is queued as soon as its parents completed. */
  public static final TaskConditions NONE = new TaskConditions(List.of(), List.of(), List.of());

  public TaskConditions {
    waitFor = List.copyOf(waitFor);
    skipIf = List.copyOf(skipIf);
    cancelIf = List.copyOf(cancelIf);
  }

  /** Every condition, those inside {@link Condition.Or}s included. */
  public List<Condition> all() {
    List<Condition> out = new ArrayList<>();
    for (List<Condition> list : List.of(waitFor, skipIf, cancelIf)) {
      for (Condition c : list) {
        if (c instanceof Condition.Or or) {
          out.addAll(or.conditions());
        } else {
          out.add(c);
        }
      }
    }
    return out;
  }

  public boolean isEmpty() {
    return waitFor.isEmpty() && skipIf.isEmpty() && cancelIf.isEmpty();
  }
}
