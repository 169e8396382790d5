package io.hatchetoperator.worker;

/** Something a worker serves: a {@link Workflow}, a {@link WorkflowRef} or a standalone {@link TaskRef}. */
public interface WorkflowDeclaration {
  /** The workflow registered for this declaration. */
  Workflow workflow();
}
