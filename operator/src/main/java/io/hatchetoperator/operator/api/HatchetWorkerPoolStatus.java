package io.hatchetoperator.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.model.annotation.LabelSelector;
import io.fabric8.kubernetes.model.annotation.StatusReplicas;
import java.util.ArrayList;
import java.util.List;

/**
 * What the operator observed and decided. The reconciler writes the Kubernetes-side fields; the autoscaler
 * writes desiredReplicas and the engine-side fields (queued, running, slotUtilization, ...).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class HatchetWorkerPoolStatus {

    @StatusReplicas
    @JsonPropertyDescription("Replicas of the pool's Deployment.")
    private Integer replicas;
    @JsonPropertyDescription("Ready replicas of the pool's Deployment.")
    private Integer readyReplicas;
    @JsonPropertyDescription("Replicas the Deployment is rendered with (manual: spec.replicas; autoscaling: the last decision).")
    private Integer desiredReplicas;
    @LabelSelector
    @JsonPropertyDescription("Label selector of the pool's pods (for the scale subresource).")
    private String selector;
    @JsonPropertyDescription("Manual or Autoscaling.")
    private String mode;
    @JsonPropertyDescription("Queued runs of the pool's tasks at the last poll.")
    private Long queued;
    @JsonPropertyDescription("Running runs of the pool's tasks at the last poll.")
    private Long running;
    @JsonPropertyDescription("Busy share of the pool's slots at the last poll, in [0, 1].")
    private Double slotUtilization;
    @JsonPropertyDescription("Busy share of slots as a percentage, for kubectl get.")
    private String busySlots;
    @JsonPropertyDescription("Age of the oldest queued run at the last poll (e.g. 12s).")
    private String oldestQueuedAge;
    @JsonPropertyDescription("When the engine was polled for the figures shown (queued, running, busy, oldest queued age; RFC 3339). "
            + "Written with them: when a figure changes materially, else at most every 30 s, never while they stay the same.")
    private String lastPollTime;
    @JsonPropertyDescription("When the replica count last changed (RFC 3339).")
    private String lastScaleTime;
    @JsonPropertyDescription("The last scaling decision and why it was made.")
    private LastDecision lastDecision;
    @JsonPropertyDescription("Ready, SpecValid, EngineConfigured, MetricsAvailable, ScalingLimited.")
    private List<Condition> conditions = new ArrayList<>();
    @JsonPropertyDescription("The metadata.generation this status describes.")
    private Long observedGeneration;

    public Integer getReplicas() { return replicas; }
    public void setReplicas(Integer replicas) { this.replicas = replicas; }
    public Integer getReadyReplicas() { return readyReplicas; }
    public void setReadyReplicas(Integer readyReplicas) { this.readyReplicas = readyReplicas; }
    public Integer getDesiredReplicas() { return desiredReplicas; }
    public void setDesiredReplicas(Integer desiredReplicas) { this.desiredReplicas = desiredReplicas; }
    public String getSelector() { return selector; }
    public void setSelector(String selector) { this.selector = selector; }
    public String getMode() { return mode; }
    public void setMode(String mode) { this.mode = mode; }
    public Long getQueued() { return queued; }
    public void setQueued(Long queued) { this.queued = queued; }
    public Long getRunning() { return running; }
    public void setRunning(Long running) { this.running = running; }
    public Double getSlotUtilization() { return slotUtilization; }
    public void setSlotUtilization(Double slotUtilization) { this.slotUtilization = slotUtilization; }
    public String getBusySlots() { return busySlots; }
    public void setBusySlots(String busySlots) { this.busySlots = busySlots; }
    public String getOldestQueuedAge() { return oldestQueuedAge; }
    public void setOldestQueuedAge(String oldestQueuedAge) { this.oldestQueuedAge = oldestQueuedAge; }
    public String getLastPollTime() { return lastPollTime; }
    public void setLastPollTime(String lastPollTime) { this.lastPollTime = lastPollTime; }
    public String getLastScaleTime() { return lastScaleTime; }
    public void setLastScaleTime(String lastScaleTime) { this.lastScaleTime = lastScaleTime; }
    public LastDecision getLastDecision() { return lastDecision; }
    public void setLastDecision(LastDecision lastDecision) { this.lastDecision = lastDecision; }
    public List<Condition> getConditions() { return conditions; }
    public void setConditions(List<Condition> conditions) { this.conditions = conditions; }
    public Long getObservedGeneration() { return observedGeneration; }
    public void setObservedGeneration(Long observedGeneration) { this.observedGeneration = observedGeneration; }
}
