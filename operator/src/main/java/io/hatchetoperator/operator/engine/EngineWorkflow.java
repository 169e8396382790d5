package io.hatchetoperator.operator.engine;

import java.util.Objects;

/**
 * One workflow from {@code GET /api/v1/tenants/{t}/workflows} (openapi {@code Workflow}): its id and
 * name. A standalone task is a workflow of the same name (Hatchet's Python SDK, {@code
 * sdks/python/hatchet_sdk/hatchet.py} {@code task()}: {@code WorkflowConfig(name=inferred_name)} and
 * {@code workflow.task(name=inferred_name)}), which is how a pool's task names map to workflow ids.
 *
 * @param id the workflow's id ({@code metadata.id})
 * @param name the workflow's name
 */
public record EngineWorkflow(String id, String name) {

  /** Checks both are present. */
  public EngineWorkflow {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
  }
}
