package io.hatchetoperator.engine.core;

/**
 * A request to start a workflow run, already checked for JSON validity by the adapter.
 *
 * @param inputJson the input object as JSON text
 * @param metadataJson the additional metadata object as JSON text
 * @param priority the requested priority, or null for the workflow's default
 * @param parentTaskId the external id of the task that spawned it (child runs), or null
 * @param eventId the id of the triggering event, or null
 * @param desiredWorkerId the worker a sticky workflow's first tasks should run on (child runs), or null
 * @param labels desired worker labels for every task of the run, replacing the tasks' own; empty for none
 * @param filterPayload the payload of the event filter that started the run (JSON object text), or null
 */
public record TriggerRequest(String workflowName, String inputJson, String metadataJson, Integer priority,
    String parentRunId, String parentTaskId, Integer childIndex, String childKey, String eventId, String eventKey,
    String desiredWorkerId, java.util.List<LabelRule> labels, String filterPayload) {

  /** A request not started through an event filter. */
  public TriggerRequest(String workflowName, String inputJson, String metadataJson, Integer priority,
      String parentRunId, String parentTaskId, Integer childIndex, String childKey, String eventId, String eventKey,
      String desiredWorkerId, java.util.List<LabelRule> labels) {
    this(workflowName, inputJson, metadataJson, priority, parentRunId, parentTaskId, childIndex, childKey, eventId,
        eventKey, desiredWorkerId, labels, null);
  }

  public TriggerRequest {
    labels = labels == null ? java.util.List.of() : java.util.List.copyOf(labels);
  }

  /** A request without sticky or label options. */
  public TriggerRequest(String workflowName, String inputJson, String metadataJson, Integer priority,
      String parentRunId, String parentTaskId, Integer childIndex, String childKey, String eventId, String eventKey) {
    this(workflowName, inputJson, metadataJson, priority, parentRunId, parentTaskId, childIndex, childKey, eventId,
        eventKey, null, null);
  }

  /** A plain manual trigger. */
  public static TriggerRequest of(String workflowName, String inputJson) {
    return new TriggerRequest(workflowName, inputJson, "{}", null, null, null, null, null, null, null);
  }

  /** The same request started by an event. */
  public TriggerRequest fromEvent(String id, String key) {
    return new TriggerRequest(workflowName, inputJson, metadataJson, priority, null, null, null, null, id, key, null,
        labels);
  }
}
