package io.hatchetoperator.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.model.annotation.SpecReplicas;
import java.util.List;

/** What a pool runs: the worker, how it reaches the engine, and how many replicas it gets. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = ValidationRules.TASKS_WHEN_MIN_ZERO, message = ValidationRules.TASKS_WHEN_MIN_ZERO_MESSAGE)
@ValidationRule(value = ValidationRules.REPLICAS_XOR_AUTOSCALING, message = ValidationRules.REPLICAS_XOR_AUTOSCALING_MESSAGE,
        optionalOldSelf = true)
public record HatchetWorkerPoolSpec(
        @JsonPropertyDescription("Hatchet worker name registered by each pod (default: metadata.name).")
        @Pattern("^[a-zA-Z0-9][a-zA-Z0-9._:-]*$") @Size(max = 100)
        String workerName,
        @JsonPropertyDescription("Slots (concurrent task runs) per worker.")
        @Required @Min(1) @Max(1000)
        Integer slots,
        @JsonPropertyDescription("Tasks whose queue drives scaling; required to scale up from zero.")
        @Size(max = 100)
        List<@Size(min = 1, max = 200) String> tasks,
        @JsonPropertyDescription("How the workers reach the Hatchet engine.")
        @Required
        EngineSpec engine,
        @JsonPropertyDescription("The worker pod template (a PodTemplateSpec); the operator adds the engine settings to it.")
        @Required
        PodTemplateSpec template,
        @JsonPropertyDescription("Workers in manual mode (written by `kubectl scale`); unset keeps the count in force."
                + " Cannot be set together with spec.autoscaling. A decrease removes only workers confirmed idle.")
        @Min(0) @Max(1000) @SpecReplicas
        Integer replicas,
        @JsonPropertyDescription("Autoscaling on queue depth and slot saturation; when set, the pool is autoscaled.")
        AutoscalingSpec autoscaling,
        @JsonPropertyDescription("How long a stopping worker may finish its running tasks.")
        DrainSpec drain,
        @JsonPropertyDescription("Optional PodDisruptionBudget for the pool's pods.")
        DisruptionBudgetSpec disruptionBudget,
        @JsonPropertyDescription("The worker's Hatchet SDK: java, python, typescript, go or custom (default). It"
                + " chooses the health-check environment and the probes added to a container that has none: only"
                + " those the SDK serves; custom and go add none (see docs/sdks.md).")
        @Default("custom")
        WorkerRuntime runtime,
        @JsonPropertyDescription("Security context added when the template sets none: Compatible (default: seccomp"
                + " RuntimeDefault, no privilege escalation), Restricted (non-root 65532, read-only root filesystem,"
                + " no capabilities; for images built for it) or None.")
        @Default("Compatible")
        PodSecurity podSecurity) {

    /** A pool spec with the default runtime (custom) and pod security (Compatible). */
    public HatchetWorkerPoolSpec(String workerName, Integer slots, List<String> tasks, EngineSpec engine,
            PodTemplateSpec template, Integer replicas, AutoscalingSpec autoscaling, DrainSpec drain,
            DisruptionBudgetSpec disruptionBudget) {
        this(workerName, slots, tasks, engine, template, replicas, autoscaling, drain, disruptionBudget, null, null);
    }

    /** runtime, custom when unset. */
    public WorkerRuntime effectiveRuntime() {
        return runtime == null ? WorkerRuntime.CUSTOM : runtime;
    }

    /** podSecurity, Compatible when unset. */
    public PodSecurity effectivePodSecurity() {
        return podSecurity == null ? PodSecurity.COMPATIBLE : podSecurity;
    }
}
